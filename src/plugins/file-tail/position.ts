import type { SourcePosition } from '../../shared/plugin.ts';

/**
 * Where one followed file stands. `path` is the name it was followed under (the configured
 * path or a glob match), even after rotation renamed it; `dev` and `ino` identify it wherever
 * it went; `offset` is the byte just after the last line handed to the engine.
 */
export interface FilePosition {
  path: string;
  dev: number;
  ino: number;
  /** Bytes. */
  offset: number;
  /** Bytes covered by `headHash` (see HeadFingerprint). */
  headLength: number;
  headHash: string;
}

/** A file tail's position: every file it follows, in the order it reads them. */
export interface FileTailPosition extends SourcePosition {
  files: FilePosition[];
}

/** The well-formed file entries of a committed position; anything else is ignored. */
export function readFilePositions(position: SourcePosition | undefined): FilePosition[] {
  const files = position?.files;
  if (!Array.isArray(files)) return [];
  return files.filter(isFilePosition);
}

function isFilePosition(value: unknown): value is FilePosition {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.path === 'string' &&
    isCount(entry.dev) &&
    isCount(entry.ino) &&
    isCount(entry.offset) &&
    isCount(entry.headLength) &&
    typeof entry.headHash === 'string'
  );
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
