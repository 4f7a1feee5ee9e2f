import { join } from 'node:path';
import type { SourceEvent } from '../../shared/event.ts';
import type { SourcePlugin, SourcePosition } from '../../shared/plugin.ts';
import type { AlertSnapshot, Snapshot, SourceSnapshot } from '../../shared/snapshot.ts';
import { Analytics } from './analytics.ts';
import { BoundedQueue, type QueuedBatch } from './bounded-queue.ts';
import { type Clock, SteadyWallClock, systemClock } from './clock.ts';
import { CounterSet } from './counters.ts';
import { DataLock } from './data-lock.ts';
import { EventFlag, EventLog, type LogRow } from './event-log.ts';
import { queueHealth } from './health.ts';
import { type Logger, silentLogger } from './logger.ts';
import { PeakMeter } from './peak-meter.ts';
import { RateMeter } from './rate-meter.ts';
import { BURST_STATE, replayLog } from './replay.ts';
import type { EngineSettings } from './settings.ts';
import { SourceHost, type SourceSpec } from './source-host.ts';

/** File name of the event log inside the data directory. */
export const LOG_FILE = 'events.db';

export interface EngineOptions {
  settings: EngineSettings;
  sources: SourceSpec[];
  plugins: ReadonlyMap<string, SourcePlugin<unknown>>;
  /** Folder holding the log; must exist and be writable. */
  dataDir: string;
  /** Folder relative source paths are resolved against. */
  baseDir: string;
  /** better-sqlite3 binary for this runtime (Electron's ABI); default: the package's own. */
  nativeBinding?: string;
  clock?: Clock;
  logger?: Logger;
}

type Listener<T> = (value: T) => void;

/**
 * The Streamlens engine: sources push into a bounded queue; a loop takes what is queued,
 * runs it through dedup, windows and bursts, and appends it to the log in one transaction
 * with the sources' positions, the counters and the burst state (group commit). Snapshots go
 * out at a capped rate whatever the event rate.
 */
export class Engine {
  private readonly settings: EngineSettings;
  private readonly clock: Clock;
  private readonly steadyWall: SteadyWallClock;
  private readonly logger: Logger;
  private readonly lock: DataLock;
  private readonly log: EventLog;
  private readonly queue: BoundedQueue;
  private readonly analytics: Analytics;
  private readonly counters = new CounterSet();
  private readonly rateIn: RateMeter;
  private readonly rateOut: RateMeter;
  private readonly queuePeak = new PeakMeter();
  private readonly hosts = new Map<string, SourceHost>();
  private readonly sourceNums = new Map<string, number>();
  private readonly snapshotListeners = new Set<Listener<Snapshot>>();
  private readonly alertListeners = new Set<Listener<AlertSnapshot>>();
  private readonly sourceListeners = new Set<Listener<SourceSnapshot>>();
  private readonly failureListeners = new Set<Listener<string>>();
  /** Why the engine stopped on its own, once it has. */
  private failure: string | undefined;
  private lastBurstState = '';
  /** The boundary the saved burst state holds, or undefined before the first save. */
  private savedBurstStateAt: number | null | undefined;
  /** True from the start of `stop`: the last commit saves the burst state whatever its age. */
  private stopping = false;
  private loopTimer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private running = false;
  private lastPublishedAt = Number.NEGATIVE_INFINITY;
  private lastCheckpointAt: number;
  /** Events replayed from the log at this start. */
  private replayedEvents = 0;

  private constructor(private readonly options: EngineOptions) {
    this.settings = options.settings;
    this.clock = options.clock ?? systemClock;
    this.steadyWall = new SteadyWallClock(this.clock);
    this.logger = options.logger ?? silentLogger;
    this.lock = DataLock.acquire(options.dataDir);
    try {
      this.log = new EventLog(join(options.dataDir, LOG_FILE), {
        busyTimeoutMs: this.settings.log.busyTimeoutMs,
        journalSizeLimit: this.settings.log.journalSizeLimit,
        nativeBinding: options.nativeBinding,
      });
    } catch (error) {
      this.lock.release();
      throw error;
    }
    const mono = () => this.clock.monotonicNow();
    this.queue = new BoundedQueue({ ...this.settings.queue, clock: mono });
    this.analytics = new Analytics(this.settings);
    this.rateIn = new RateMeter();
    this.rateOut = new RateMeter();
    this.lastCheckpointAt = mono();
  }

  /** Opens (or creates) the log in `dataDir` and rebuilds the state from it. */
  static open(options: EngineOptions): Engine {
    const engine = new Engine(options);
    try {
      engine.restore();
      engine.createHosts();
    } catch (error) {
      engine.close();
      throw error;
    }
    return engine;
  }

  private restore(): void {
    this.counters.load(this.log.counters());
    const replayed = replayLog(this.log, this.analytics, this.settings);
    this.lastBurstState = this.log.state(BURST_STATE) ?? '';
    if (replayed.clock !== undefined && replayed.clock > 0) {
      const clock = this.analytics.clock;
      clock.restore(replayed.clock, this.wallNow(), this.monoNow());
      const gap = this.wallNow() - replayed.clock;
      if (clock.isLive && gap > this.settings.paneMs)
        this.analytics.unobservedUntil(this.wallNow());
    }
    this.replayedEvents = replayed.events;
    this.logger.info({ events: replayed.events, clock: replayed.clock }, 'replayed the log');
  }

  private createHosts(): void {
    const positions = this.log.positions();
    for (const spec of this.options.sources) {
      const plugin = this.options.plugins.get(spec.plugin);
      if (!plugin) throw new Error(`source ${spec.id}: no plugin named ${spec.plugin}`);
      this.sourceNums.set(spec.id, this.log.sourceNum(spec.id, spec.plugin));
      const host = new SourceHost(spec, plugin, this.options.baseDir, positions.get(spec.id), {
        queue: this.queue,
        counters: this.counters,
        ingestNow: () => this.steadyWall.now(),
        logger: this.logger,
        onEmit: (accepted) => this.onEmit(accepted),
        onStateChange: (snapshot) => this.sourceListeners.forEach((listen) => listen(snapshot)),
      });
      this.hosts.set(spec.id, host);
    }
  }

  /** Starts every source and the commit loop. */
  async start(): Promise<void> {
    this.running = true;
    this.scheduleLoop();
    await Promise.all([...this.hosts.values()].map((host) => host.start()));
  }

  /** Starts one source by id; a no-op when it runs. */
  async startSource(id: string): Promise<void> {
    await this.host(id).start();
  }

  /** Stops one source by id; what it emitted is still committed. */
  async stopSource(id: string): Promise<void> {
    await this.host(id).stop();
  }

  private host(id: string): SourceHost {
    const host = this.hosts.get(id);
    if (!host) throw new Error(`no source with id ${id}`);
    return host;
  }

  /**
   * Stops the sources, commits everything still queued, and closes the log: after it
   * resolves, every event a source emitted is durable.
   */
  async stop(): Promise<void> {
    await Promise.all([...this.hosts.values()].map((host) => host.stop()));
    this.running = false;
    clearTimeout(this.loopTimer);
    if (this.immediate) clearImmediate(this.immediate);
    try {
      if (!this.failure) this.commitEverything();
    } catch (error) {
      this.failure = `the event log could not be written: ${errorMessage(error)}`;
    } finally {
      this.close();
    }
    if (this.failure) throw new Error(this.failure);
  }

  private announceAlerts(): void {
    for (const alert of this.analytics.takeFiredAlerts()) {
      this.alertListeners.forEach((listen) => listen(alert));
    }
  }

  private commitEverything(): void {
    this.stopping = true;
    while (this.queue.size > 0) this.runOnce();
    this.runOnce();
    this.publish(true);
  }

  private close(): void {
    try {
      this.log.close();
    } finally {
      this.lock.release();
    }
  }

  /** The latest snapshot, computed now. */
  snapshot(): Snapshot {
    return this.buildSnapshot();
  }

  /** Calls `listener` with each published snapshot; returns the unsubscribe function. */
  onSnapshot(listener: Listener<Snapshot>): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }

  /** Calls `listener` for each alert as it fires (never for alerts rebuilt by replay). */
  onAlert(listener: Listener<AlertSnapshot>): () => void {
    this.alertListeners.add(listener);
    return () => this.alertListeners.delete(listener);
  }

  onSourceState(listener: Listener<SourceSnapshot>): () => void {
    this.sourceListeners.add(listener);
    return () => this.sourceListeners.delete(listener);
  }

  private onEmit(accepted: number): void {
    this.rateIn.mark(accepted, this.monoNow());
    this.queuePeak.mark(this.queue.size, this.monoNow());
    // Under pressure, commit now rather than at the next tick.
    if (this.running && this.queue.size >= this.pressureMark) this.runSoon();
  }

  /** Queued events from which the loop commits at once instead of at its next tick. */
  private get pressureMark(): number {
    return Math.min(this.settings.log.maxCommitEvents, this.queue.capacity);
  }

  private scheduleLoop(): void {
    if (!this.running) return;
    this.loopTimer = setTimeout(() => this.tick(), this.settings.log.commitEveryMs);
    this.loopTimer.unref?.();
  }

  private runSoon(): void {
    if (this.immediate) return;
    this.immediate = setImmediate(() => {
      this.immediate = undefined;
      this.guarded(() => this.runOnce());
      if (this.queue.size >= this.pressureMark) this.runSoon();
    });
  }

  private tick(): void {
    this.guarded(() => {
      this.runOnce();
      this.publish(false);
      this.checkpointWhenDue();
    });
    if (this.queue.size > 0) this.runSoon();
    this.scheduleLoop();
  }

  /**
   * A commit that fails (disk full, log made read-only) stops the engine: the events of that
   * turn are counted but not durable, and their sources' positions were not committed, so a
   * restart reads them again. Going on would count them twice.
   */
  private guarded(work: () => void): void {
    if (this.failure) return;
    try {
      work();
    } catch (error) {
      this.fail(`the event log could not be written: ${errorMessage(error)}`);
    }
  }

  private fail(message: string): void {
    this.failure = message;
    this.running = false;
    clearTimeout(this.loopTimer);
    this.logger.error({ err: message }, 'engine stopped: data after the last commit is at risk');
    void Promise.all([...this.hosts.values()].map((host) => host.stop()));
    for (const listen of this.failureListeners) listen(message);
  }

  /** Calls `listener` once if the engine stops on its own because of an error. */
  onFailure(listener: Listener<string>): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  /** One turn of the loop: take, analyse, drain, commit. */
  runOnce(): void {
    const clockStart = this.clockValue();
    const batches = this.queue.take(this.settings.log.maxCommitEvents);
    const rows = this.analyse(batches);
    this.analytics.drain(this.monoNow());
    const positions = collectPositions(batches);
    this.announceAlerts();
    // A boundary passed is committed even without events: replay must pass it too.
    const crossed = this.analytics.takeBoundaryCount() > 0;
    const state = this.dueBurstState();
    const counters = this.counters.takeChanged();
    if (rows.length === 0 && positions.size === 0 && !crossed && counters.size === 0) return;

    this.log.append({
      rows,
      clockStart,
      clockEnd: this.clockValue(),
      positions,
      counters,
      state: state ? new Map([[BURST_STATE, state]]) : undefined,
    });
    if (state) this.lastBurstState = state;
    for (const [id, position] of positions) this.hosts.get(id)?.committed(position);
  }

  private analyse(batches: QueuedBatch<SourceEvent>[]): LogRow[] {
    const rows: LogRow[] = [];
    const wallNow = this.wallNow();
    const mono = this.monoNow();
    const skipDuplicates = this.settings.dedup.duplicates === 'skip';
    let late = 0;
    let duplicates = 0;
    let future = 0;
    let expired = 0;
    let ids = 0;
    for (const batch of batches) {
      const sourceNum = this.sourceNums.get(batch.sourceId) ?? 0;
      for (const event of batch.events) {
        const ts = event.ts as number;
        if (event.id !== undefined) ids++;
        const placed = this.analytics.ingest(ts, event.key, event.id, wallNow, mono);
        const flags = placed.flags;
        if (placed.expired) expired++;
        if (flags & EventFlag.late) late++;
        if (flags & EventFlag.future) future++;
        if (flags & EventFlag.duplicate) {
          duplicates++;
          if (skipDuplicates) continue;
        }
        rows.push({
          ts,
          sourceNum,
          key: event.key,
          id: event.id ?? null,
          payload: event.payload ?? null,
          flags,
        });
      }
    }
    this.counters.add('all/late', late);
    this.counters.add('all/duplicates', duplicates);
    this.counters.add('all/future', future);
    this.counters.add('all/expired', expired);
    this.counters.add('all/ids', ids);
    this.counters.add('all/logged', rows.length);
    this.countReceived(batches);
    return rows;
  }

  private countReceived(batches: QueuedBatch<SourceEvent>[]): void {
    let received = 0;
    for (const batch of batches) received += batch.events.length;
    this.counters.add('all/received', received);
    this.rateOut.mark(received, this.monoNow());
  }

  /** The burst state as JSON when it changed since the last commit, else undefined. */
  /**
   * The burst state as JSON when it is due to be saved: at most every `checkpointEveryMs` of
   * event time (a restart evaluates the boundaries after it again), and at a clean stop.
   */
  private dueBurstState(): string | undefined {
    const last = this.analytics.lastEvaluatedAt;
    if (last === null || last === this.savedBurstStateAt) return undefined;
    const due = last - (this.savedBurstStateAt ?? Number.NEGATIVE_INFINITY);
    if (!this.stopping && due < this.settings.log.checkpointEveryMs) return undefined;
    this.savedBurstStateAt = last;
    const state = JSON.stringify(this.analytics.burstState());
    return state === this.lastBurstState ? undefined : state;
  }

  private publish(force: boolean): void {
    if (this.snapshotListeners.size === 0 && !force) return;
    const now = this.monoNow();
    if (!force && now - this.lastPublishedAt < 1000 / this.settings.snapshotsPerSecond) return;
    this.lastPublishedAt = now;
    const snapshot = this.buildSnapshot();
    for (const listen of this.snapshotListeners) listen(snapshot);
  }

  private checkpointWhenDue(): void {
    const now = this.monoNow();
    if (now - this.lastCheckpointAt < this.settings.log.checkpointEveryMs) return;
    this.lastCheckpointAt = now;
    this.log.checkpoint();
  }

  private buildSnapshot(): Snapshot {
    const mono = this.monoNow();
    const clock = this.clockValue();
    return {
      clock,
      takenAt: this.wallNow(),
      windows: this.analytics.windowSnapshots(this.settings.topK),
      bursts: this.analytics.recentBursts(),
      alerts: this.analytics.recentAlerts(),
      health: {
        queue: queueHealth(this.queue.size, this.queue.capacity, this.queuePeak.peak(mono)),
        eventsPerSecond: { in: this.rateIn.perSecond(mono), out: this.rateOut.perSecond(mono) },
        lagMs: Math.round(this.queue.oldestWaitMs(mono)),
        eventTimeLagMs: clock > 0 ? Math.max(0, this.wallNow() - clock) : 0,
        logBytes: this.log.sizeBytes(),
        pauses: this.queue.stats().pauses,
      },
      counters: {
        received: this.counters.get('all/received'),
        logged: this.counters.get('all/logged'),
        duplicates: this.counters.get('all/duplicates'),
        late: this.counters.get('all/late'),
        parseErrors: this.counters.get('all/parseErrors'),
        replayed: this.replayedEvents,
        dropped: this.counters.get('all/dropped'),
        future: this.counters.get('all/future'),
        expired: this.counters.get('all/expired'),
        ids: this.counters.get('all/ids'),
      },
      dedup: this.dedupSnapshot(),
      sources: [...this.hosts.values()].map((host) => host.snapshot()),
    };
  }

  private dedupSnapshot(): Snapshot['dedup'] {
    const { checked, estimatedFalsePositiveRate, rotations, earlyRotations, memoryBytes } =
      this.analytics.dedupStats();
    return { checked, estimatedFalsePositiveRate, rotations, earlyRotations, memoryBytes };
  }

  /** The engine clock as stored: 0 until the first event. */
  private clockValue(): number {
    return this.analytics.clock.started ? this.analytics.clock.now : 0;
  }

  private wallNow(): number {
    return this.steadyWall.now();
  }

  private monoNow(): number {
    return this.clock.monotonicNow();
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function collectPositions(batches: QueuedBatch<SourceEvent>[]): Map<string, SourcePosition> {
  const positions = new Map<string, SourcePosition>();
  for (const batch of batches) if (batch.position) positions.set(batch.sourceId, batch.position);
  return positions;
}
