import { appendFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileTailPlugin } from '../src/plugins/file-tail/index.ts';
import type { FileTailPosition } from '../src/plugins/file-tail/position.ts';
import type { Source, SourcePosition } from '../src/shared/plugin.ts';
import { SourceHarness } from './support/source-harness.ts';

/** A running file tail and the harness that records what it does. */
export interface RunningTail {
  source: Source;
  harness: SourceHarness;
}

/**
 * A temp folder of real files for file tail tests, and a way to start tails on them that polls
 * every 20 ms. Tails started here are stopped by `cleanup`.
 */
export class TailFixture {
  readonly dir = mkdtempSync(join(tmpdir(), 'streamlens-tail-'));
  private readonly running: Source[] = [];

  at(name: string): string {
    return join(this.dir, name);
  }

  write(name: string, content: string | Buffer): void {
    writeFileSync(this.at(name), content);
  }

  append(name: string, content: string | Buffer): void {
    appendFileSync(this.at(name), content);
  }

  /** `{ dev, ino }` of a file, to compare with positions. */
  identity(name: string): { dev: number; ino: number } {
    const { dev, ino } = statSync(this.at(name));
    return { dev, ino };
  }

  async start(options: Record<string, unknown>, position?: SourcePosition): Promise<RunningTail> {
    const harness = new SourceHarness({ baseDir: this.dir, position });
    const parsed = fileTailPlugin.optionsSchema.parse({ pollInterval: 20, ...options });
    const source = fileTailPlugin.create(parsed, harness);
    this.running.push(source);
    await source.start();
    return { source, harness };
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.running.map((source) => source.stop()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The file entries of the last position a harness received. */
export function lastFiles(harness: SourceHarness): FileTailPosition['files'] {
  return (harness.lastPosition as FileTailPosition | undefined)?.files ?? [];
}

/** `count` lines `prefix0` … `prefix(count-1)`, each ending in a newline. */
export function numberedLines(prefix: string, count: number, from = 0): string {
  let text = '';
  for (let i = from; i < from + count; i++) text += `${prefix}${i}\n`;
  return text;
}

/** The keys `numberedLines` writes, as an array. */
export function numberedKeys(prefix: string, count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${from + i}`);
}
