import { onScopeDispose, ref, shallowRef, watch } from 'vue';
import { connectToEngine } from './api/connect.ts';
import type { ConnectionStatus } from './api/socket-channel.ts';

/** How often the retry countdown refreshes while the engine is away, ms. */
const COUNTDOWN_TICK_MS = 250;

/**
 * The connection to the engine as reactive state: the API, the link's status, and a clock
 * (epoch ms) that ticks only while a reconnect is being waited for, for the countdown.
 */
export function useEngine() {
  const connection = connectToEngine();
  const status = shallowRef<ConnectionStatus>(connection.status());
  const now = ref(Date.now());
  let ticker: ReturnType<typeof setInterval> | undefined;

  const stopListening = connection.onStatus((next) => {
    status.value = next;
  });

  watch(
    status,
    (current) => {
      clearInterval(ticker);
      ticker = undefined;
      if (current.state !== 'retrying') return;
      now.value = Date.now();
      ticker = setInterval(() => (now.value = Date.now()), COUNTDOWN_TICK_MS);
    },
    { immediate: true },
  );

  onScopeDispose(() => {
    stopListening();
    clearInterval(ticker);
  });

  return {
    api: connection.api,
    transport: connection.transport,
    status,
    now,
    retryNow: () => connection.retryNow(),
  };
}
