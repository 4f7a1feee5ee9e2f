import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { type ApiEventName, isApiEventName } from '../../shared/api.ts';
import type { ClientMessage } from '../../shared/wire.ts';
import { apiErrorData } from './call-check.ts';
import { EngineHost } from './engine-host.ts';
import { EngineStartupError } from './startup-error.ts';
import type { EngineWorkerData, FromWorker, ToWorker } from './worker-protocol.ts';

/*
 * The engine's worker thread: the engine never runs on the thread that serves a window or a
 * socket, so a burst of events cannot stall them. The parent speaks `ToWorker` messages.
 */

async function main(port: MessagePort, data: EngineWorkerData): Promise<void> {
  let host: EngineHost;
  try {
    host = await EngineHost.start(data);
  } catch (error) {
    const known = error instanceof EngineStartupError;
    const errors = known ? error.errors : [String(error)];
    const kind = known ? error.kind : 'failure';
    port.postMessage({ type: 'startup-failed', errors, kind } satisfies FromWorker);
    port.close();
    return;
  }
  serve(port, host);
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}

function serve(port: MessagePort, host: EngineHost): void {
  const subscriptions = new Map<ApiEventName, () => void>();
  const post = (message: FromWorker) => postSafely(port, message);

  const onCall = async (message: Extract<ClientMessage, { type: 'call' }>) => {
    const result = await host.handle(message.name, message.args);
    post({ type: 'result', id: message.id, result });
  };
  const onSubscribe = (event: unknown) => {
    if (!isApiEventName(event) || subscriptions.has(event)) return;
    const unsubscribe = host.subscribe(event, (payload) => post({ type: 'event', event, payload }));
    subscriptions.set(event, unsubscribe);
  };
  const onStop = async () => {
    // Subscribers still get the engine's last snapshot, taken once everything is committed.
    await host.stop();
    subscriptions.forEach((unsubscribe) => unsubscribe());
    subscriptions.clear();
    post({ type: 'stopped' });
    port.close();
  };

  port.on('message', (message: ToWorker) => {
    if (message.type === 'call') void onCall(message);
    else if (message.type === 'subscribe') onSubscribe(message.event);
    else if (message.type === 'unsubscribe') {
      subscriptions.get(message.event)?.();
      subscriptions.delete(message.event);
    } else if (message.type === 'stop') void onStop();
  });
}

/**
 * Posts a message; a value that cannot be cloned turns a result into a `failed` result and is
 * otherwise dropped, so it can never throw into the engine's loop.
 */
function postSafely(port: MessagePort, message: FromWorker): void {
  try {
    port.postMessage(message);
  } catch (error) {
    if (message.type !== 'result') return;
    const reason = `the answer could not be sent: ${String(error)}`;
    port.postMessage({
      type: 'result',
      id: message.id,
      result: { ok: false, error: apiErrorData('failed', reason) },
    } satisfies FromWorker);
  }
}

if (parentPort) await main(parentPort, workerData as EngineWorkerData);
