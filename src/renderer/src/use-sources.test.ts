import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, shallowRef } from 'vue';
import { ApiError } from '../../shared/api.ts';
import type { Snapshot, SourceSnapshot } from '../../shared/snapshot.ts';
import { ApiStandIn } from './api-stand-in.ts';
import { snapshotOf } from './snapshot-fixture.ts';
import { useSources } from './use-sources.ts';

function start() {
  const api = new ApiStandIn();
  const latest = shallowRef<Snapshot | null>(null);
  const scope = effectScope();
  const sources = scope.run(() => useSources(api, latest))!;
  return { api, latest, scope, sources };
}

const web = (state: SourceSnapshot['state']): SourceSnapshot => ({
  id: 'web',
  plugin: 'synthetic',
  state,
  counters: {},
});

describe('useSources', () => {
  it('takes the sources of each snapshot', async () => {
    const { latest, sources } = start();
    latest.value = snapshotOf({ sources: [web('running')] });
    await nextTick();
    expect(sources.sources.value.map((s) => s.state)).toEqual(['running']);
  });

  it('applies a source state pushed between snapshots', async () => {
    const { api, latest, sources } = start();
    latest.value = snapshotOf({ sources: [web('running')] });
    await nextTick();
    api.pushSource(web('paused'));
    expect(sources.sources.value.map((s) => s.state)).toEqual(['paused']);
  });

  it('shows the answer of a stop at once and is busy only while it runs', async () => {
    const { latest, sources } = start();
    latest.value = snapshotOf({ sources: [web('running')] });
    await nextTick();

    const stopping = sources.stop('web');
    expect([...sources.busy.value]).toEqual(['web']);
    await stopping;

    expect(sources.sources.value.map((s) => s.state)).toEqual(['stopped']);
    expect(sources.busy.value.size).toBe(0);
    expect(sources.toasts.value).toEqual([]);
  });

  it('reports a failed action as a toast with the action, the source and the cause', async () => {
    const { api, sources } = start();
    api.answer = async () => {
      throw new ApiError({ name: 'ApiError', code: 'failed', message: 'the plugin hung' });
    };

    await sources.stop('web');
    await sources.start('tail');

    expect(
      sources.toasts.value.map(({ action, subject, cause }) => [action, subject, cause]),
    ).toEqual([
      ['Could not stop source', 'web', 'the plugin hung'],
      ['Could not start source', 'tail', 'the plugin hung'],
    ]);
    expect(sources.busy.value.size).toBe(0);

    sources.dismiss(sources.toasts.value[0].id);
    expect(sources.toasts.value.map((toast) => toast.subject)).toEqual(['tail']);
  });
});
