import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const GLOB_CHARACTERS = /[*?]/;

/** True when a path's last segment holds `*` or `?`. */
export function isGlob(path: string): boolean {
  return GLOB_CHARACTERS.test(basename(path));
}

/** True when `*` or `?` appears in a folder segment, where globs are not supported. */
export function hasGlobInFolder(path: string): boolean {
  return GLOB_CHARACTERS.test(dirname(path));
}

/**
 * Compiles the last segment of a glob: `*` matches any run of characters and `?` one
 * character, never a `/`; like a shell, neither matches a leading dot unless the pattern
 * starts with one.
 */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (const character of pattern) {
    if (character === '*') source += '[^/]*';
    else if (character === '?') source += '[^/]';
    else source += character.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  const hidden = pattern.startsWith('.') ? '' : '(?!\\.)';
  return new RegExp(`^${hidden}${source}$`);
}

/** A file found under the configured path, with what `stat` said of it. */
export interface FoundFile {
  path: string;
  stats: Stats;
}

/** What a look at the configured path found: matching files, or why there is none. */
export type Discovery = { files: FoundFile[] } | { waiting: string } | { failed: string };

/**
 * Looks for the files the configured absolute path names now. A missing file or folder means
 * waiting; a path that is not a regular file is a failure (for a glob, such matches are
 * skipped, since `logs/*` may well match a folder).
 */
export async function discover(path: string): Promise<Discovery> {
  if (!isGlob(path)) return discoverSingle(path);
  const folder = dirname(path);
  const matcher = globToRegExp(basename(path));
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if (isMissing(error)) return { waiting: `waiting for ${path}: folder does not exist yet` };
    return { failed: `cannot list ${folder}: ${(error as Error).message}` };
  }
  const files: FoundFile[] = [];
  for (const name of names.filter((candidate) => matcher.test(candidate)).sort()) {
    const found = await statIfFile(join(folder, name));
    if (found) files.push(found);
  }
  return files.length > 0 ? { files } : { waiting: `waiting for a file matching ${path}` };
}

async function discoverSingle(path: string): Promise<Discovery> {
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (error) {
    if (isMissing(error)) return { waiting: `waiting for ${path}: file does not exist yet` };
    return { failed: `cannot read ${path}: ${(error as Error).message}` };
  }
  if (stats.isDirectory()) return { failed: `${path} is a directory, not a file` };
  if (!stats.isFile()) return { failed: `${path} is not a regular file` };
  return { files: [{ path, stats }] };
}

/** The file's stats, or undefined when it vanished or is not a regular file. */
export async function statIfFile(path: string): Promise<FoundFile | undefined> {
  try {
    const stats = await stat(path);
    return stats.isFile() ? { path, stats } : undefined;
  } catch {
    return undefined;
  }
}

/** True for errors that mean "not there (yet)". */
export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
