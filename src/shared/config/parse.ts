import { type Document, type Node, isMap, isScalar, isSeq } from 'yaml';
import type { ConfigIssue, PathSegment } from './issues.ts';
import { readYaml } from './read-yaml.ts';
import type { StreamlensConfig } from './schema.ts';
import { type PluginSchemas, validateConfig } from './validate.ts';

export type { PluginSchemas } from './validate.ts';

/** One problem in a config file, placed at a 1-based line and column of its text. */
export interface ConfigError {
  /** The setting it concerns, like `sources[0].options.key.regex`; empty for the whole file. */
  path: string;
  /** Reads after the path: `must be a positive duration like 15s`. */
  message: string;
  line: number;
  column: number;
}

export interface ParseOptions {
  /** Options schemas of the known source plugins; without them options are not checked. */
  plugins?: PluginSchemas;
}

export type ParseResult =
  { ok: true; config: StreamlensConfig } | { ok: false; errors: ConfigError[] };

/**
 * Validates config text (YAML) into a `StreamlensConfig`, or returns every error found,
 * sorted by position. Empty text is the default config. Pure: runs in the renderer too.
 *
 * @example parseConfig('topK: 5\n', { plugins: new Map([['synthetic', schema]]) })
 */
export function parseConfig(text: string, options: ParseOptions = {}): ParseResult {
  const content = readYaml(text);
  const place = (issue: ConfigIssue) => toConfigError(issue, content.doc, content.lineCounter);
  if (!content.ok) return { ok: false, errors: sortByPosition(content.issues.map(place)) };

  const validation = validateConfig(content.data, options.plugins);
  if (validation.ok && content.unsafeIntegers.length === 0) {
    return { ok: true, config: validation.config };
  }

  // An unsafe integer is reported once, not again as a number out of range.
  const unsafePaths = new Set(content.unsafeIntegers.map((issue) => formatPath(issue.path)));
  const otherIssues = validation.ok
    ? []
    : validation.issues.filter((issue) => !unsafePaths.has(formatPath(issue.path)));
  const issues = [...content.unsafeIntegers, ...otherIssues];
  return { ok: false, errors: sortByPosition(issues.map(place)) };
}

/** `windows[1] must be a positive duration like 15s (line 3, column 5)`. */
export function formatConfigError(error: ConfigError): string {
  const subject = error.path ? `${error.path} ` : '';
  return `${subject}${error.message} (line ${error.line}, column ${error.column})`;
}

/** `['sources', 0, 'options']` as `sources[0].options`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      return index === 0 ? segment : `.${segment}`;
    })
    .join('');
}

function toConfigError(
  issue: ConfigIssue,
  doc: Document.Parsed,
  lineCounter: { linePos(offset: number): { line: number; col: number } },
): ConfigError {
  const offset = issue.offset ?? offsetOfPath(doc.contents, issue.path, issue.at);
  const { line, col } = lineCounter.linePos(offset);
  return { path: formatPath(issue.path), message: issue.message, line, column: col };
}

/**
 * Where the value at `path` starts in the text. A key is used instead when the issue is about
 * the key or the value is empty; a path that leaves the text ends at the nearest parent.
 */
function offsetOfPath(root: Node | null, path: PathSegment[], at?: 'key'): number {
  let node = root;
  let offset = startOf(root);
  for (const [depth, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (!pair) break;
      const value = pair.value as Node | null;
      const onKey = at === 'key' && depth === path.length - 1;
      if (onKey || value === null || (isScalar(value) && value.value === null)) {
        return startOf(pair.key as Node);
      }
      node = value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment] as Node;
    } else {
      break;
    }
    offset = startOf(node);
  }
  return offset;
}

function startOf(node: Node | null): number {
  return node?.range?.[0] ?? 0;
}

function sortByPosition(errors: ConfigError[]): ConfigError[] {
  return [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
}
