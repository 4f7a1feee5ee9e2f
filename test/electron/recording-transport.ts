import type { ApiCallName, ApiEventName, ApiResult, ApiTransport } from '../../src/shared/api.ts';

/**
 * An engine side of the API for the shell's tests: records the calls it gets, answers each
 * with what the test set, and lets the test emit events to whoever subscribed.
 */
export class RecordingTransport implements ApiTransport {
  readonly calls: { name: ApiCallName; args: unknown[] }[] = [];
  readonly listeners = new Map<ApiEventName, Set<(payload: unknown) => void>>();
  answer: (name: ApiCallName, args: unknown[]) => ApiResult<unknown> = (name) => ({
    ok: true,
    value: `answer to ${name}`,
  });
  stopped = 0;
  readonly errorListeners = new Set<(error: Error) => void>();

  call(name: ApiCallName, args: unknown[]): Promise<ApiResult<unknown>> {
    this.calls.push({ name, args });
    return Promise.resolve(this.answer(name, args));
  }

  subscribe(event: ApiEventName, listener: (payload: unknown) => void): () => void {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener);
    return () => {
      this.listeners.get(event)?.delete(listener);
      if (this.listeners.get(event)?.size === 0) this.listeners.delete(event);
    };
  }

  /** Event names with at least one subscriber. */
  subscribed(): ApiEventName[] {
    return [...this.listeners.keys()];
  }

  emit(event: ApiEventName, payload: unknown): void {
    this.listeners.get(event)?.forEach((listener) => listener(payload));
  }

  onError(listener: (error: Error) => void): () => void {
    this.errorListeners.add(listener);
    return () => void this.errorListeners.delete(listener);
  }

  /** Plays a worker that died on its own. */
  crash(message: string): void {
    this.errorListeners.forEach((listener) => listener(new Error(message)));
  }

  stop(): Promise<void> {
    this.stopped++;
    return Promise.resolve();
  }
}
