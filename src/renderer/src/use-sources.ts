import { onScopeDispose, shallowRef, watch, type ShallowRef } from 'vue';
import type { StreamlensApi } from '../../shared/api.ts';
import type { Snapshot, SourceSnapshot } from '../../shared/snapshot.ts';
import { withSource } from './panels.ts';
import { causeOf, type Toast } from './toasts.ts';

/** How long a toast stays unless dismissed, ms. */
const TOAST_MS = 8000;

/**
 * The sources as they are now (kept live even while the view is paused: they carry the
 * buttons), starting and stopping them, and the toasts that report what failed.
 */
export function useSources(api: StreamlensApi, latest: ShallowRef<Snapshot | null>) {
  const sources = shallowRef<SourceSnapshot[]>([]);
  const busy = shallowRef<ReadonlySet<string>>(new Set());
  const toasts = shallowRef<Toast[]>([]);
  let nextToastId = 1;

  watch(latest, (snapshot) => {
    if (snapshot) sources.value = snapshot.sources;
  });
  const stopStates = api.onSourceState((source) => {
    sources.value = withSource(sources.value, source);
  });
  onScopeDispose(stopStates);

  const dismiss = (id: number) => {
    toasts.value = toasts.value.filter((toast) => toast.id !== id);
  };

  const report = (action: string, subject: string, error: unknown) => {
    const toast = { id: nextToastId++, action, subject, cause: causeOf(error) };
    toasts.value = [...toasts.value, toast];
    setTimeout(() => dismiss(toast.id), TOAST_MS);
  };

  const setBusy = (id: string, isBusy: boolean) => {
    const next = new Set(busy.value);
    if (isBusy) next.add(id);
    else next.delete(id);
    busy.value = next;
  };

  const act = async (verb: 'start' | 'stop', id: string) => {
    setBusy(id, true);
    try {
      const source = await (verb === 'start' ? api.startSource(id) : api.stopSource(id));
      sources.value = withSource(sources.value, source);
    } catch (error) {
      report(`Could not ${verb} source`, id, error);
    } finally {
      setBusy(id, false);
    }
  };

  return {
    sources,
    busy,
    toasts,
    dismiss,
    start: (id: string) => act('start', id),
    stop: (id: string) => act('stop', id),
  };
}
