import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type FoundFile, statIfFile } from './paths.ts';

/** Rotated copies in these formats cannot be tailed, so they are never read. */
const COMPRESSED = /\.(gz|bz2|xz|zst|lz4|lzma|zip|z|7z)$/i;
const ROTATION_NUMBER = /^[.-](\d+)$/;

/** True when two stats name the same file (device and inode). */
export function sameFile(
  a: { dev: number; ino: number },
  b: { dev: number; ino: number },
): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/**
 * The rotated siblings of a followed file: regular files in the same folder whose names start
 * with its name (`access.log.1`, `access.log-20240101`), compressed ones left out. Ordered
 * oldest first: by modification time, then by rotation number, higher being older (as
 * logrotate numbers them), then by name.
 */
export async function rotatedSiblings(livePath: string): Promise<FoundFile[]> {
  const folder = dirname(livePath);
  const base = basename(livePath);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const candidates = names.filter(
    (name) => name !== base && name.startsWith(base) && !COMPRESSED.test(name),
  );
  const siblings: FoundFile[] = [];
  for (const name of candidates) {
    const found = await statIfFile(join(folder, name));
    if (found) siblings.push(found);
  }
  return siblings.sort((a, b) => compareAge(a, b, base));
}

function compareAge(a: FoundFile, b: FoundFile, base: string): number {
  if (a.stats.mtimeMs !== b.stats.mtimeMs) return a.stats.mtimeMs - b.stats.mtimeMs;
  const byNumber = rotationNumber(b.path, base) - rotationNumber(a.path, base);
  if (byNumber !== 0) return byNumber;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** The `N` of `access.log.N`, or -1 when the suffix is not a number. */
function rotationNumber(path: string, base: string): number {
  const match = ROTATION_NUMBER.exec(basename(path).slice(base.length));
  return match ? Number(match[1]) : -1;
}

/**
 * Finds a file from a committed position by its identity: under the name it was followed
 * under, or else among that name's rotated siblings. Undefined when it is gone.
 */
export async function locate(entry: {
  path: string;
  dev: number;
  ino: number;
}): Promise<FoundFile | undefined> {
  const live = await statIfFile(entry.path);
  if (live && sameFile(live.stats, entry)) return live;
  return (await rotatedSiblings(entry.path)).find((sibling) => sameFile(sibling.stats, entry));
}

/** The rotated siblings of `livePath` that are newer than `rotated`, oldest first. */
export async function siblingsNewerThan(
  livePath: string,
  rotated: FoundFile,
): Promise<FoundFile[]> {
  const siblings = await rotatedSiblings(livePath);
  const index = siblings.findIndex((sibling) => sameFile(sibling.stats, rotated.stats));
  return index < 0 ? [] : siblings.slice(index + 1);
}
