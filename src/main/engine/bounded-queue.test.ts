import { describe, expect, it } from 'vitest';
import { BoundedQueue } from './bounded-queue.ts';

/** A clock the test moves by hand, ms. */
function manualClock(start = 0) {
  let now = start;
  return { read: () => now, set: (ms: number) => void (now = ms) };
}

function numbers(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + i);
}

function queueOf(capacity: number, clock = manualClock()) {
  return new BoundedQueue<number>({ capacity, clock: clock.read });
}

describe('BoundedQueue under the pause policy', () => {
  it('tells a source to wait exactly when the size reaches capacity', () => {
    const queue = queueOf(10);

    expect(queue.push('a', numbers(0, 4))).toEqual({ accepted: 4, dropped: 0, keepGoing: true });
    expect(queue.push('a', numbers(4, 5))).toEqual({ accepted: 5, dropped: 0, keepGoing: true });
    expect(queue.push('b', numbers(9, 1))).toEqual({ accepted: 1, dropped: 0, keepGoing: false });

    expect(queue.size).toBe(10);
    expect(queue.isPaused('b')).toBe(true);
    expect(queue.isPaused('a')).toBe(false);
    expect(queue.sourceStats('b')).toEqual({ pauses: 1, paused: true, dropped: 0 });
    expect(queue.stats()).toEqual({ pauses: 1, resumes: 0, dropped: 0 });
  });

  it('accepts a batch whole even when it passes capacity', () => {
    const queue = queueOf(10);
    queue.push('a', numbers(0, 9));

    expect(queue.push('b', numbers(9, 5))).toEqual({ accepted: 5, dropped: 0, keepGoing: false });
    expect(queue.size).toBe(14);
    expect(queue.push('c', numbers(14, 3))).toEqual({ accepted: 3, dropped: 0, keepGoing: false });
    expect(queue.size).toBe(17);
  });

  it('counts one pause while a source that ignores the answer keeps pushing', () => {
    const queue = queueOf(2);
    queue.push('a', [1, 2]);
    queue.push('a', [3]);

    expect(queue.sourceStats('a')).toEqual({ pauses: 1, paused: true, dropped: 0 });
  });

  it('resumes paused sources once, in pause order, when the size falls below the mark', () => {
    const queue = queueOf(10);
    const resumed: string[] = [];
    queue.onResume('a', () => resumed.push('a'));
    queue.onResume('b', () => resumed.push('b'));
    queue.push('a', numbers(0, 5));
    queue.push('a', numbers(5, 1));
    queue.push('b', numbers(6, 4));
    queue.push('a', [10]);
    expect(queue.isPaused('a') && queue.isPaused('b')).toBe(true);

    queue.take(5);
    expect(queue.size).toBe(6);
    queue.take(1);
    expect(queue.size).toBe(5);
    expect(resumed).toEqual([]);

    queue.take(1);
    expect(queue.size).toBe(1);
    expect(resumed).toEqual(['b', 'a']);
    expect(queue.isPaused('a') || queue.isPaused('b')).toBe(false);

    queue.take(1);
    expect(resumed).toEqual(['b', 'a']);
    expect(queue.stats()).toEqual({ pauses: 2, resumes: 2, dropped: 0 });
  });

  it('honours a resume mark other than half', () => {
    const queue = new BoundedQueue<number>({ capacity: 10, resumeAt: 0.2, clock: () => 0 });
    let resumes = 0;
    queue.onResume('a', () => resumes++);
    queue.push('a', numbers(0, 8));
    queue.push('a', numbers(8, 2));

    queue.take(8);
    expect(resumes).toBe(0);
    queue.push('b', [10]);
    queue.take(2);
    expect(queue.size).toBe(1);
    expect(resumes).toBe(1);
  });

  it('lets a resume callback push again straight away', () => {
    const queue = queueOf(4);
    const answers: boolean[] = [];
    queue.onResume('a', () => answers.push(queue.push('a', [9, 9, 9, 9]).keepGoing));
    queue.push('a', [1, 2, 3, 4]);

    const taken = queue.take(10);

    expect(taken.map((batch) => batch.events)).toEqual([[1, 2, 3, 4]]);
    expect(answers).toEqual([false]);
    expect(queue.size).toBe(4);
    expect(queue.sourceStats('a')).toEqual({ pauses: 2, paused: true, dropped: 0 });
  });
});

describe('BoundedQueue.take', () => {
  it('never splits a batch, taking one even when it is larger than asked', () => {
    const queue = queueOf(100);
    queue.push('a', numbers(0, 5));
    queue.push('a', numbers(5, 3));

    const first = queue.take(2);
    expect(first.map((batch) => batch.events)).toEqual([[0, 1, 2, 3, 4]]);
    expect(queue.take(2).map((batch) => batch.events)).toEqual([[5, 6, 7]]);
    expect(queue.take(2)).toEqual([]);
  });

  it('takes as many whole batches as fit in maxEvents', () => {
    const queue = queueOf(100);
    queue.push('a', numbers(0, 3));
    queue.push('a', numbers(3, 3));
    queue.push('a', numbers(6, 3));

    expect(queue.take(7).map((batch) => batch.events.length)).toEqual([3, 3]);
    expect(queue.size).toBe(3);
  });

  it('keeps FIFO order across sources with positions and enqueue times', () => {
    const clock = manualClock(100);
    const queue = queueOf(100, clock);
    queue.push('a', [1], { offset: 10 });
    clock.set(110);
    queue.push('b', [2]);
    clock.set(120);
    queue.push('a', [3], { offset: 20 });

    expect(queue.take(100)).toEqual([
      { sourceId: 'a', events: [1], position: { offset: 10 }, enqueuedAt: 100 },
      { sourceId: 'b', events: [2], position: undefined, enqueuedAt: 110 },
      { sourceId: 'a', events: [3], position: { offset: 20 }, enqueuedAt: 120 },
    ]);
  });

  it('queues an empty batch only when it carries a position', () => {
    const queue = queueOf(10);
    queue.push('a', []);
    queue.push('a', [], { offset: 7 });

    expect(queue.size).toBe(0);
    expect(queue.take(10).map((batch) => batch.position)).toEqual([{ offset: 7 }]);
  });

  it('keeps order while taken batches are compacted away', () => {
    const queue = queueOf(100_000);
    for (let i = 0; i < 3000; i++) queue.push('a', [i]);

    const seen: number[] = [];
    for (let i = 0; i < 2500; i++) seen.push(...queue.take(1)[0].events);
    for (let i = 3000; i < 3010; i++) queue.push('a', [i]);
    for (const batch of queue.take(100_000)) seen.push(...batch.events);

    expect(seen).toEqual(numbers(0, 3010));
    expect(queue.size).toBe(0);
  });
});

describe('BoundedQueue under the drop policy', () => {
  it('drops exactly the events beyond capacity and keeps the source going', () => {
    const queue = queueOf(10);

    expect(queue.push('a', numbers(0, 8), undefined, 'drop')).toEqual({
      accepted: 8,
      dropped: 0,
      keepGoing: true,
    });
    expect(queue.push('a', numbers(8, 5), undefined, 'drop')).toEqual({
      accepted: 2,
      dropped: 3,
      keepGoing: true,
    });
    expect(queue.push('b', [13], { offset: 1 }, 'drop')).toEqual({
      accepted: 0,
      dropped: 1,
      keepGoing: true,
    });

    expect(queue.size).toBe(10);
    expect(queue.sourceStats('a')).toEqual({ pauses: 0, paused: false, dropped: 3 });
    expect(queue.sourceStats('b')).toEqual({ pauses: 0, paused: false, dropped: 1 });
    expect(queue.stats()).toEqual({ pauses: 0, resumes: 0, dropped: 4 });
    expect(queue.take(100).map((batch) => [batch.sourceId, batch.events])).toEqual([
      ['a', numbers(0, 8)],
      ['a', [8, 9]],
      ['b', []],
    ]);
  });

  it('drops nothing from a source that pauses while another drops', () => {
    const queue = queueOf(4);
    queue.push('dropper', [1, 2, 3, 4], undefined, 'drop');

    expect(queue.push('pauser', [5, 6])).toEqual({ accepted: 2, dropped: 0, keepGoing: false });
    expect(queue.size).toBe(6);
  });
});

describe('BoundedQueue.oldestWaitMs', () => {
  it('measures from the oldest queued batch and reads 0 when empty', () => {
    const clock = manualClock(100);
    const queue = queueOf(100, clock);
    expect(queue.oldestWaitMs(100)).toBe(0);

    queue.push('a', [1]);
    clock.set(250);
    queue.push('a', [2]);

    expect(queue.oldestWaitMs(400)).toBe(300);
    queue.take(1);
    expect(queue.oldestWaitMs(400)).toBe(150);
    queue.take(1);
    expect(queue.oldestWaitMs(400)).toBe(0);
  });
});

describe('BoundedQueue options', () => {
  it('defaults to 10 000 events resuming below 5 000', () => {
    const queue = new BoundedQueue({ clock: () => 0 });

    expect(queue.capacity).toBe(10_000);
    expect(queue.resumeBelow).toBe(5_000);
  });

  it('rejects a capacity or resume mark it cannot honour', () => {
    expect(() => queueOf(0)).toThrow('capacity must be a positive integer, got 0');
    expect(() => new BoundedQueue({ resumeAt: 0, clock: () => 0 })).toThrow('resumeAt');
    expect(() => new BoundedQueue({ resumeAt: 1.5, clock: () => 0 })).toThrow('resumeAt');
  });
});
