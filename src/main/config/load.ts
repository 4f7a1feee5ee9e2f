import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { formatConfigError, parseConfig, type PluginSchemas } from '../../shared/config/parse.ts';
import type { StreamlensConfig } from '../../shared/config/schema.ts';
import { streamlensPaths } from './paths.ts';

/** The largest config file read, bytes: a config is a page of YAML, not a log file. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadOptions {
  /** Options schemas of the known source plugins, so that source options are checked too. */
  plugins?: PluginSchemas;
  /** Where `STREAMLENS_CONFIG_DIR` is read from; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** What relative paths are resolved against; defaults to `process.cwd()`. */
  cwd?: string;
}

/**
 * A loaded config, or why there is none. `file` is the absolute path of the file read (absent
 * for the default config); `baseDir` is its folder, against which relative paths in source
 * options are resolved. `errors` are one line each, ready to print; each error in the file's
 * content starts with the file as the user named it: `conf.yml: topK must be at least 1 (line
 * 2, column 7)`.
 */
export type LoadResult =
  | { ok: true; config: StreamlensConfig; file?: string; baseDir: string }
  | { ok: false; errors: string[]; file?: string };

const ERRNO_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of its path is not a folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'its name is too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'input/output error',
  EBUSY: 'the file is busy',
};

/**
 * Loads the config from `file` when given (relative to `cwd`); otherwise from the user's
 * config file when it exists, else the default config. Never throws for a missing, unreadable
 * or invalid file: those come back as `errors`.
 *
 * @example loadConfig('./x.yml') // { ok: false, errors: ['config file ./x.yml not found'], ... }
 */
export function loadConfig(file?: string, options: LoadOptions = {}): LoadResult {
  const cwd = options.cwd ?? process.cwd();
  if (file !== undefined) return loadFile(file, path.resolve(cwd, file), options);

  const userFile = streamlensPaths(options.env, cwd).configFile;
  const read = readText(userFile);
  if (read.kind === 'missing') return fromText('', undefined, cwd, options);
  return fromRead(read, userFile, userFile, options);
}

type ReadOutcome =
  { kind: 'text'; text: string } | { kind: 'missing' } | { kind: 'unreadable'; reason: string };

/** `shownAs` is the path as the user wrote it, for messages. */
function loadFile(shownAs: string, absolute: string, options: LoadOptions): LoadResult {
  return fromRead(readText(absolute), shownAs, absolute, options);
}

function fromRead(
  read: ReadOutcome,
  shownAs: string,
  absolute: string,
  options: LoadOptions,
): LoadResult {
  if (read.kind === 'missing') {
    return { ok: false, errors: [`config file ${shownAs} not found`], file: absolute };
  }
  if (read.kind === 'unreadable') {
    const errors = [`could not read config file ${shownAs}: ${read.reason}`];
    return { ok: false, errors, file: absolute };
  }
  const file = { absolute, shownAs };
  return fromText(read.text, file, path.dirname(absolute), options);
}

/** A config file read: its absolute path, and how messages name it. */
interface ReadFile {
  absolute: string;
  shownAs: string;
}

/** `read` is undefined for the default config, which comes from no file. */
function fromText(
  text: string,
  read: ReadFile | undefined,
  baseDir: string,
  options: LoadOptions,
): LoadResult {
  const parsed = parseConfig(text, { plugins: options.plugins });
  const file = read?.absolute;
  if (!parsed.ok) {
    const prefix = read ? `${read.shownAs}: ` : '';
    const errors = parsed.errors.map((error) => prefix + formatConfigError(error));
    return file === undefined ? { ok: false, errors } : { ok: false, errors, file };
  }
  return file === undefined
    ? { ok: true, config: parsed.config, baseDir }
    : { ok: true, config: parsed.config, file, baseDir };
}

function readText(file: string): ReadOutcome {
  try {
    const { size } = statSync(file);
    if (size > MAX_CONFIG_BYTES) {
      return { kind: 'unreadable', reason: `it is larger than ${MAX_CONFIG_BYTES} bytes` };
    }
    return { kind: 'text', text: readFileSync(file, 'utf8') };
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', reason: (code && ERRNO_WORDS[code]) ?? message };
  }
}
