import { type FSWatcher, watch } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { SourceEvent } from '../../shared/event.ts';
import type { Source, SourceContext, SourceState } from '../../shared/plugin.ts';
import { createLineParser, type LineParser } from '../common/line-parser.ts';
import type { SplitLine } from './line-splitter.ts';
import type { FileTailOptions } from './options.ts';
import { type Discovery, discover, type FoundFile, isMissing } from './paths.ts';
import { type FilePosition, type FileTailPosition, readFilePositions } from './position.ts';
import { locate, sameFile, siblingsNewerThan } from './rotation.ts';
import { CHUNK_BYTES, TrackedFile } from './tracked-file.ts';
import { Waker } from './waker.ts';

/** The most events one emit carries. */
export const MAX_BATCH_EVENTS = 1000;

type DrainOutcome = 'done' | 'halted';

/**
 * Follows a file or a glob of files like `tail -F`: polls by `stat` (woken early by
 * `fs.watch`), reads new bytes in chunks through open handles, drains rotated files before
 * their successors, restarts truncated files from byte 0, and emits batches whose position
 * lets a restart continue after the last committed line. See `FileTailPosition`.
 */
export class FileTailSource implements Source {
  private readonly path: string;
  private readonly parse: LineParser;
  private readonly buffer = Buffer.alloc(CHUNK_BYTES);
  private readonly waker = new Waker();
  private readonly openFailures = new Map<string, string>();
  private tracked: TrackedFile[] = [];
  private batch: SourceEvent[] = [];
  private lastPositionJson: string | undefined;
  private firstLook = true;
  private paused = false;
  private stopped = false;
  private state: string | undefined;
  private loop: Promise<void> | undefined;
  private watcher: FSWatcher | undefined;

  constructor(
    private readonly options: FileTailOptions,
    private readonly ctx: SourceContext,
  ) {
    this.path = resolve(ctx.baseDir, options.path);
    this.parse = createLineParser(options);
  }

  async start(): Promise<void> {
    this.report('starting');
    this.ctx.onResume(() => this.resume());
    await this.restore(readFilePositions(this.ctx.position));
    if (this.ctx.position) this.lastPositionJson = JSON.stringify(this.ctx.position);
    this.watchFolder();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.waker.wake();
    await this.loop;
    this.watcher?.close();
    await Promise.all(this.tracked.map((file) => file.close()));
    this.tracked = [];
    this.report('stopped');
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      if (this.paused) {
        await this.waker.sleep();
        continue;
      }
      try {
        await this.poll();
      } catch (error) {
        this.report('failed', `reading ${this.path} failed: ${(error as Error).message}`);
      }
      if (!this.stopped && !this.paused) await this.waker.sleep(this.options.pollInterval);
    }
  }

  private async poll(): Promise<void> {
    const discovery = await discover(this.path);
    await this.reconcile(discovery);
    this.firstLook = false;
    this.reportDiscovery(discovery);

    for (const file of [...this.tracked]) {
      if ((await this.drain(file)) === 'halted') return;
    }
    if (JSON.stringify(this.position()) !== this.lastPositionJson) this.flush();
  }

  /** Matches what is under the path now against what is followed: rotation, truncation, new. */
  private async reconcile(discovery: Discovery): Promise<void> {
    // A path that cannot be looked at says nothing about rotation: go on as before.
    if ('failed' in discovery) return;
    const found = 'files' in discovery ? discovery.files : [];
    for (const path of this.openFailures.keys()) {
      if (!found.some((candidate) => candidate.path === path)) this.openFailures.delete(path);
    }
    for (const file of this.tracked) {
      const current = found.find((candidate) => sameFile(candidate.stats, file));
      if (current) await this.keepFollowing(file, current);
      else if (!file.rotated) {
        file.rotated = true;
        this.ctx.notice('rotated', { path: file.path, ino: file.ino });
      }
    }
    for (const candidate of found) {
      if (!this.isTracked(candidate.stats)) await this.follow(candidate);
    }
  }

  /** A followed file is still matched; a glob may match it under its rotated name, too. */
  private async keepFollowing(file: TrackedFile, current: FoundFile): Promise<void> {
    file.path = current.path;
    file.rotated = false;
    if (await file.wasTruncated(current.stats)) {
      this.ctx.notice('truncated', { path: file.path, offset: file.offset });
      file.restartFromBeginning();
    }
  }

  /** Starts following a file seen for the first time: at its end only on the very first look. */
  private async follow(candidate: FoundFile): Promise<void> {
    const atEnd = this.firstLook && this.ctx.position === undefined;
    const opened = await this.open(candidate.path, candidate.path, 0);
    if (!opened) return;
    if (atEnd && this.options.startAt === 'end') {
      opened.rewind(await opened.lastLineStart(candidate.stats.size));
    }
  }

  /** Opens and tracks a file, or records why it cannot be read. */
  private async open(
    path: string,
    realPath: string,
    offset: number,
    entry?: FilePosition,
  ): Promise<TrackedFile | undefined> {
    try {
      const fingerprint = entry && { length: entry.headLength, hash: entry.headHash };
      const opened = await TrackedFile.open({
        path,
        realPath,
        offset,
        fingerprint,
        maxLineBytes: this.options.maxLineBytes,
      });
      this.openFailures.delete(realPath);
      if (this.isTracked(opened.file)) {
        await opened.file.close();
        return undefined;
      }
      if (opened.truncated) this.ctx.notice('truncated', { path, offset });
      this.tracked.push(opened.file);
      return opened.file;
    } catch (error) {
      // Gone between the look and the open: the next poll sees what replaced it.
      if (isMissing(error)) return undefined;
      const message = `cannot read ${realPath}: ${(error as Error).message}`;
      if (!this.openFailures.has(realPath)) this.ctx.notice('unreadable', { path: realPath });
      this.openFailures.set(realPath, message);
      return undefined;
    }
  }

  /**
   * Picks up where a committed position left off: each file by identity, even renamed by
   * rotation, then whatever was rotated after it while the source was down (read whole).
   */
  private async restore(entries: FilePosition[]): Promise<void> {
    for (const entry of entries) {
      if (this.isTracked(entry)) continue;
      const located = await locate(entry);
      if (!located) {
        this.ctx.notice('missing', { path: entry.path, offset: entry.offset });
        continue;
      }
      const file = await this.open(entry.path, located.path, entry.offset, entry);
      if (!file || located.path === entry.path) continue;
      file.rotated = true;
      this.ctx.notice('rotated', { path: entry.path, ino: entry.ino });
      for (const sibling of await siblingsNewerThan(entry.path, located)) {
        if (entries.some((other) => sameFile(other, sibling.stats))) continue;
        const newer = await this.open(entry.path, sibling.path, 0);
        if (newer) newer.rotated = true;
      }
    }
  }

  /** Reads a file to its end (for now), emitting full batches; retires a quiet rotated file. */
  private async drain(file: TrackedFile): Promise<DrainOutcome> {
    const startOffset = file.offset;
    for (;;) {
      if (this.stopped) return 'halted';
      const lines = await file.readLines(this.buffer);
      if (lines === undefined) break;
      for (const line of lines) {
        this.take(file, line);
        if (this.batch.length >= MAX_BATCH_EVENTS && !this.flush()) {
          file.rewind(file.offset);
          return 'halted';
        }
      }
    }
    if (file.rotated) await this.retireIfQuiet(file, file.offset === startOffset);
    else await file.growFingerprint();
    return this.batch.length > 0 && !this.flush() ? 'halted' : 'done';
  }

  /** Closes a rotated file after a poll that found nothing new in it. */
  private async retireIfQuiet(file: TrackedFile, quiet: boolean): Promise<void> {
    file.quietPolls = quiet ? file.quietPolls + 1 : 0;
    if (file.quietPolls < 2) return;
    // Nothing more will be appended to it, so a last line without newline is complete.
    const last = file.flushPartialLine();
    if (last) this.take(file, last);
    this.tracked = this.tracked.filter((other) => other !== file);
    await file.close();
  }

  private take(file: TrackedFile, line: SplitLine): void {
    if (line.cutFrom !== undefined) {
      this.ctx.notice('line-too-long', {
        path: file.path,
        offset: line.start,
        bytes: line.cutFrom,
      });
    }
    const parsed = this.parse(line.text);
    if ('error' in parsed) this.ctx.parseError(parsed.error, line.text);
    else this.batch.push(parsed);
    file.offset = line.end;
  }

  /** Hands the batch (maybe empty, to commit a moved position) to the engine. */
  private flush(): boolean {
    if (this.stopped) return false;
    const position = this.position();
    const accepted = this.ctx.emit(this.batch, position);
    this.batch = [];
    this.lastPositionJson = JSON.stringify(position);
    if (!accepted) {
      this.paused = true;
      this.report('paused');
    }
    return accepted;
  }

  private resume(): void {
    if (!this.paused || this.stopped) return;
    this.paused = false;
    this.report('running');
    this.waker.wake();
  }

  private position(): FileTailPosition {
    return { files: this.tracked.map((file) => file.toPosition()) };
  }

  private isTracked(identity: { dev: number; ino: number }): boolean {
    return this.tracked.some((file) => sameFile(file, identity));
  }

  private reportDiscovery(discovery: Discovery): void {
    const openFailure = this.openFailures.values().next().value;
    if (this.tracked.length > 0) this.report('running');
    else if ('failed' in discovery) this.report('failed', discovery.failed);
    else if (openFailure !== undefined) this.report('failed', openFailure);
    else this.report('idle', 'waiting' in discovery ? discovery.waiting : undefined);
  }

  /** Tells the engine about a state change; repeats of the same state are not reported. */
  private report(state: SourceState, message?: string): void {
    const key = `${state}:${message ?? ''}`;
    if (key === this.state) return;
    this.state = key;
    this.ctx.setState(state, message);
  }

  /** Polls early when something changes in the folder; polling alone is enough without it. */
  private watchFolder(): void {
    try {
      this.watcher = watch(dirname(this.path), { persistent: false }, () => this.waker.wake());
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      this.watcher = undefined;
    }
  }
}
