import type { Stats } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { HEAD_BYTES, type HeadFingerprint, headUnchanged, readFingerprint } from './fingerprint.ts';
import { LineSplitter, type SplitLine } from './line-splitter.ts';
import type { FilePosition } from './position.ts';

/** How much is read from a file at once, bytes. */
export const CHUNK_BYTES = 64 * 1024;

const EMPTY_FINGERPRINT: HeadFingerprint = { length: 0, hash: '' };

/**
 * A file being followed, through its open handle: after a rename or delete the handle still
 * reads it, which is how a rotated file is drained to its end.
 */
export class TrackedFile {
  /** Byte offset just after the last line handed on: what the position reports. */
  offset: number;
  /** True once the followed name no longer leads here: read to the end, then close. */
  rotated = false;
  /** Polls in a row that found a rotated file with nothing new. */
  quietPolls = 0;
  private readonly handle: FileHandle;
  private readOffset: number;
  private readonly splitter: LineSplitter;
  private fingerprint: HeadFingerprint;
  private lastSize: number;
  private lastMtimeMs: number;

  /** The name the file is followed under, kept when rotation renames it out of sight. */
  path: string;
  readonly dev: number;
  readonly ino: number;

  private constructor(init: {
    path: string;
    handle: FileHandle;
    stats: Stats;
    offset: number;
    fingerprint: HeadFingerprint;
    maxLineBytes: number;
  }) {
    this.path = init.path;
    this.dev = init.stats.dev;
    this.ino = init.stats.ino;
    this.handle = init.handle;
    this.offset = init.offset;
    this.readOffset = init.offset;
    this.splitter = new LineSplitter(init.maxLineBytes, init.offset);
    this.fingerprint = init.fingerprint;
    this.lastSize = init.stats.size;
    this.lastMtimeMs = init.stats.mtimeMs;
  }

  /**
   * Opens `realPath` (the file's current name) to follow it as `path` from `offset`. With a
   * `fingerprint` (from a committed position) the file must still start with those bytes and
   * reach `offset`, else it is followed from byte 0 and `truncated` is true.
   */
  static async open(args: {
    path: string;
    realPath: string;
    offset: number;
    maxLineBytes: number;
    fingerprint?: HeadFingerprint;
  }): Promise<{ file: TrackedFile; truncated: boolean }> {
    const handle = await open(args.realPath, 'r');
    try {
      const stats = await handle.stat();
      const fingerprint = args.fingerprint ?? EMPTY_FINGERPRINT;
      const intact = stats.size >= args.offset && (await headUnchanged(handle, fingerprint));
      const file = new TrackedFile({
        path: args.path,
        handle,
        stats,
        offset: intact ? args.offset : 0,
        fingerprint: intact ? fingerprint : EMPTY_FINGERPRINT,
        maxLineBytes: args.maxLineBytes,
      });
      return { file, truncated: !intact };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The offset of the first line that starts in the last chunk before `size`, or `size`. */
  async lastLineStart(size: number): Promise<number> {
    const from = Math.max(0, size - CHUNK_BYTES);
    const bytes = Buffer.alloc(size - from);
    const { bytesRead } = await this.handle.read(bytes, 0, bytes.length, from);
    const newline = bytes.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (newline >= 0) return from + newline + 1;
    return from === 0 ? 0 : size;
  }

  /**
   * Reads the next chunk into `buffer` and returns the lines it completes, or undefined at the
   * end of the file. Lines not handed on must be given back with `rewind`.
   */
  async readLines(buffer: Buffer): Promise<SplitLine[] | undefined> {
    const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, this.readOffset);
    if (bytesRead === 0) return undefined;
    this.readOffset += bytesRead;
    return this.splitter.push(buffer.subarray(0, bytesRead));
  }

  /** Forgets everything read after `offset` so that it is read again. */
  rewind(offset: number): void {
    this.offset = offset;
    this.readOffset = offset;
    this.splitter.reset(offset);
  }

  /** The line in progress at the end of a file that will not grow, as a final line. */
  flushPartialLine(): SplitLine | undefined {
    return this.splitter.flush();
  }

  /**
   * True when the file, still under its name with these `stats`, was truncated: it is shorter
   * than what was read, or no longer starts with the bytes read before. Only checked when size
   * or modification time changed, so an idle file costs one stat per poll.
   */
  async wasTruncated(stats: Stats): Promise<boolean> {
    const changed = stats.size !== this.lastSize || stats.mtimeMs !== this.lastMtimeMs;
    this.lastSize = stats.size;
    this.lastMtimeMs = stats.mtimeMs;
    if (stats.size < this.readOffset) return true;
    return changed && !(await headUnchanged(this.handle, this.fingerprint));
  }

  /** Starts over from byte 0 after a truncation. */
  restartFromBeginning(): void {
    this.rewind(0);
    this.fingerprint = EMPTY_FINGERPRINT;
  }

  /** Extends the fingerprint over bytes handed on, until it covers HEAD_BYTES. */
  async growFingerprint(): Promise<void> {
    const length = Math.min(this.offset, HEAD_BYTES);
    if (length <= this.fingerprint.length) return;
    this.fingerprint = (await readFingerprint(this.handle, length)) ?? this.fingerprint;
  }

  toPosition(): FilePosition {
    const { path, dev, ino, offset } = this;
    return {
      path,
      dev,
      ino,
      offset,
      headLength: this.fingerprint.length,
      headHash: this.fingerprint.hash,
    };
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
