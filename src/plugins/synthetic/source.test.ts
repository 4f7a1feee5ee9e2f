import { describe, expect, it } from 'vitest';
import { SourceHarness } from '../../../test/support/source-harness.ts';
import { SyntheticGenerator } from './generator.ts';
import { syntheticOptionsSchema } from './options.ts';
import { type ProducerClock, SyntheticSource } from './source.ts';

/** A clock the test moves by hand; timers fire when their time is reached. */
class ManualClock implements ProducerClock {
  time = 0;
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 1;

  monotonic(): number {
    return this.time;
  }

  setTimer(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward in one jump, firing every timer that comes due, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.timers.sort((a, b) => a.at - b.at)[0];
      if (next === undefined || next.at > end) break;
      this.timers.shift();
      this.time = next.at;
      next.callback();
    }
    this.time = end;
  }
}

const OPTIONS = syntheticOptionsSchema.parse({ rate: 1000, seed: 5 });

function setup(position?: Record<string, unknown>) {
  const clock = new ManualClock();
  const harness = new SourceHarness({ position, now: () => 1_700_000_000_000 + clock.time });
  const source = new SyntheticSource(OPTIONS, harness, clock);
  return { clock, harness, source };
}

describe('SyntheticSource', () => {
  it('emits the events due every tick, stamped with the ingest time, with its position', async () => {
    const { clock, harness, source } = setup();
    await source.start();
    clock.advance(20);
    expect(harness.batches).toHaveLength(1);
    expect(harness.batches[0].events).toHaveLength(20);
    expect(harness.batches[0].position).toEqual({ produced: 20 });
    expect(new Set(harness.events.map((e) => e.ts))).toEqual(new Set([1_700_000_000_020]));
    clock.advance(1000);
    expect(harness.events).toHaveLength(1020);
    expect(harness.lastPosition).toEqual({ produced: 1020 });
    expect(harness.states).toEqual([{ state: 'running' }]);
  });

  it('splits what is due into batches of at most 1000 events', async () => {
    const clock = new ManualClock();
    const harness = new SourceHarness();
    const fast = syntheticOptionsSchema.parse({ rate: 120_000 });
    await new SyntheticSource(fast, harness, clock).start();
    clock.advance(20);
    expect(harness.batches.map((batch) => batch.events.length)).toEqual([1000, 1000, 400]);
    expect(harness.batches.map((batch) => batch.position)).toEqual([
      { produced: 1000 },
      { produced: 2000 },
      { produced: 2400 },
    ]);
  });

  it('stops producing when emit answers false and starts afresh on resume', async () => {
    const { clock, harness, source } = setup();
    await source.start();
    harness.refuseEmits(1);
    clock.advance(20);
    expect(harness.batches.map((batch) => batch.answer)).toEqual([false]);
    clock.advance(5000);
    expect(harness.batches).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);

    harness.resume();
    clock.advance(20);
    // What the full queue could not take is not caught up afterwards.
    expect(harness.batches.map((batch) => batch.events.length)).toEqual([20, 20]);
    expect(harness.emitsWhilePaused).toBe(0);
    expect(harness.states.map((s) => s.state)).toEqual(['running', 'paused', 'running']);
  });

  it('emits nothing after stop', async () => {
    const { clock, harness, source } = setup();
    await source.start();
    clock.advance(40);
    await source.stop();
    clock.advance(1000);
    expect(harness.events).toHaveLength(40);
    expect(clock.pendingTimers).toBe(0);
    expect(harness.lastState).toBe('stopped');
  });

  it('continues the sequence from a committed position after a restart', async () => {
    const first = setup();
    await first.source.start();
    first.clock.advance(100);
    await first.source.stop();

    const second = setup(first.harness.lastPosition);
    await second.source.start();
    second.clock.advance(60);

    const keys = [...first.harness.keys, ...second.harness.keys];
    expect(keys).toEqual(new SyntheticGenerator(OPTIONS).batch(0, 160, 0).map((e) => e.key));
    expect(second.harness.lastPosition).toEqual({ produced: 160 });
  });

  it('starts from zero when the committed position is malformed', async () => {
    const { clock, harness, source } = setup({ produced: -3 });
    await source.start();
    clock.advance(20);
    expect(harness.lastPosition).toEqual({ produced: 20 });
  });
});
