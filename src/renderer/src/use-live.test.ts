import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, shallowRef } from 'vue';
import type { ConnectionStatus } from './api/socket-channel.ts';
import { ApiStandIn } from './api-stand-in.ts';
import { healthOf, snapshotOf, windowOf } from './snapshot-fixture.ts';
import { useLive } from './use-live.ts';

function start(status: ConnectionStatus = { state: 'connecting', attempt: 0 }) {
  const api = new ApiStandIn();
  const connection = shallowRef<ConnectionStatus>(status);
  const scope = effectScope();
  const live = scope.run(() => useLive(api, connection))!;
  return { api, connection, scope, live };
}

const at = (takenAt: number, rateIn = 100) =>
  snapshotOf({ takenAt, health: healthOf(rateIn, rateIn, 0) });

describe('useLive', () => {
  it('shows each snapshot as it arrives and records its rates', () => {
    const { api, live } = start();
    api.push(at(1000, 5));
    api.push(at(1250, 7));

    expect(live.shown.value?.takenAt).toBe(1250);
    expect(live.rates.in.map((p) => p.y)).toEqual([5, 7]);
    expect(live.rateRevision.value).toBe(2);
  });

  it('holds the screen still while paused, then catches up on resume', () => {
    const { api, live } = start();
    api.push(at(1000));
    live.togglePause();
    api.push(at(1250));
    api.push(at(1500));

    expect(live.paused.value).toBe(true);
    expect(live.shown.value?.takenAt).toBe(1000);
    expect(live.latest.value?.takenAt).toBe(1500);
    expect(live.missed.value).toBe(2);
    expect(live.rates.in).toHaveLength(3);
    expect(live.rateRevision.value).toBe(1);

    live.togglePause();
    expect(live.shown.value?.takenAt).toBe(1500);
    expect(live.missed.value).toBe(0);
    expect(live.rateRevision.value).toBe(2);
  });

  it('ignores a snapshot older than the newest it has', () => {
    const { api, live } = start();
    api.push(at(2000));
    api.push(at(1000));
    expect(live.shown.value?.takenAt).toBe(2000);
    expect(live.rates.in).toHaveLength(1);
  });

  it('rebuilds the feed only when a new burst or alert arrives', () => {
    const { api, live } = start();
    const burst = { window: '5s', key: 'a', previous: 10, current: 50, growth: 5, at: 900 };
    api.push(snapshotOf({ takenAt: 1000, bursts: [burst] }));
    const first = live.feed.value;
    api.push(snapshotOf({ takenAt: 1250, bursts: [{ ...burst }] }));
    expect(live.feed.value).toBe(first);

    api.push(snapshotOf({ takenAt: 1500, bursts: [{ ...burst, key: 'b', at: 1400 }, burst] }));
    expect(live.feed.value.map((item) => item.key)).toEqual(['b', 'a']);
  });

  it('remembers the largest K any window offered, for the K choice', () => {
    const { api, live } = start();
    const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, count: 1 }));
    api.push(snapshotOf({ takenAt: 1, windows: [windowOf('5s', keys(4))] }));
    api.push(snapshotOf({ takenAt: 2, windows: [windowOf('5s', keys(2))] }));
    expect(live.largestK.value).toBe(4);
    expect(live.k.value).toBe(3);
  });

  it('asks for a snapshot as soon as the connection opens', async () => {
    const { api, connection, live } = start();
    api.current = at(4242);
    connection.value = { state: 'open' };
    await nextTick();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(live.shown.value?.takenAt).toBe(4242);
  });

  it('stops listening when its scope ends', () => {
    const { api, scope } = start();
    expect(api.listenerCount).toBe(1);
    scope.stop();
    expect(api.listenerCount).toBe(0);
  });
});
