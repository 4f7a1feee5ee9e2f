import { markRaw, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import type { StreamlensApi } from '../../shared/api.ts';
import type { Snapshot } from '../../shared/snapshot.ts';
import type { ConnectionStatus } from './api/socket-channel.ts';
import { feedFingerprint, feedOf, largestTop, RateSeries, type FeedItem } from './live-state.ts';

/** How far back the rate chart reaches, ms. */
export const RATE_SPAN_MS = 5 * 60_000;
/** A cap on rate points, well above 5 minutes of snapshots at their capped rate. */
const RATE_MAX_POINTS = 3000;
/** Rows the burst feed holds. */
const FEED_LIMIT = 50;
/** Keys shown per window until the user picks another K. */
const DEFAULT_K = 3;
const K_STORAGE_KEY = 'streamlens.live.k';

/**
 * The live view's state: the snapshot on screen (held still while paused, while the newest
 * keeps arriving), the feed, the rate history and the chosen K. Big objects sit in shallow
 * refs: a snapshot is replaced whole, never watched deeply.
 */
export function useLive(api: StreamlensApi, status: Ref<ConnectionStatus>) {
  const latest = shallowRef<Snapshot | null>(null);
  const shown = shallowRef<Snapshot | null>(null);
  const paused = ref(false);
  const missed = ref(0);
  const k = ref(loadK());
  const largestK = ref(0);
  const feed = shallowRef<FeedItem[]>([]);
  const rates = markRaw(new RateSeries(RATE_SPAN_MS, RATE_MAX_POINTS));
  const rateRevision = ref(0);
  let shownFeed = '';

  const show = (snapshot: Snapshot) => {
    shown.value = snapshot;
    const fingerprint = feedFingerprint(snapshot.bursts, snapshot.alerts);
    if (fingerprint !== shownFeed) {
      shownFeed = fingerprint;
      feed.value = feedOf(snapshot.bursts, snapshot.alerts, FEED_LIMIT);
    }
    rateRevision.value++;
  };

  const receive = (snapshot: Snapshot) => {
    if (latest.value && snapshot.takenAt < latest.value.takenAt) return;
    latest.value = snapshot;
    rates.append(snapshot.takenAt, snapshot.health);
    largestK.value = Math.max(largestK.value, largestTop(snapshot.windows));
    if (paused.value) missed.value++;
    else show(snapshot);
  };

  const togglePause = () => {
    paused.value = !paused.value;
    missed.value = 0;
    if (!paused.value && latest.value) show(latest.value);
  };

  const stopSnapshots = api.onSnapshot(receive);
  // A fresh socket may wait a while for its first pushed snapshot: ask for one right away.
  watch(
    () => status.value.state,
    (state) => {
      if (state === 'open') api.getSnapshot().then(receive, () => {});
    },
    { immediate: true },
  );
  watch(k, (value) => saveK(value));
  onScopeDispose(stopSnapshots);

  return { latest, shown, paused, missed, k, largestK, feed, rates, rateRevision, togglePause };
}

function loadK(): number {
  try {
    const saved = Number(window.localStorage.getItem(K_STORAGE_KEY));
    return Number.isInteger(saved) && saved >= 1 && saved <= 100 ? saved : DEFAULT_K;
  } catch {
    return DEFAULT_K;
  }
}

function saveK(k: number): void {
  try {
    window.localStorage.setItem(K_STORAGE_KEY, String(k));
  } catch {
    // Storage may be off (private mode, file:// in some shells): K then lasts the session.
  }
}
