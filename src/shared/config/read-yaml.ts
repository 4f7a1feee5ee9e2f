import {
  type Document,
  type Node,
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit as visitYaml,
} from 'yaml';
import type { ConfigIssue, PathSegment } from './issues.ts';

/** How many alias expansions a config may make; beyond it the file is refused as a bomb. */
export const MAX_ALIAS_COUNT = 100;

/**
 * The YAML text read into plain data. `ok: false` when the text cannot be trusted as data
 * (syntax, duplicate or non-text keys, alias trouble). With `ok: true`, `unsafeIntegers`
 * lists the integers too large to be numbers; their values in `data` are approximate.
 */
export type YamlContent = { doc: Document.Parsed; lineCounter: LineCounter } & (
  { ok: true; data: unknown; unsafeIntegers: ConfigIssue[] } | { ok: false; issues: ConfigIssue[] }
);

const MESSAGE_BY_CODE: Record<string, string> = {
  MULTIPLE_DOCS: 'The file holds more than one YAML document; a config is a single document',
};

/**
 * Parses config text strictly: every error and warning of the lenient YAML parser is an
 * issue, and so are duplicate keys, keys that are not text, aliases used before their anchor
 * or inside it, and aliases that expand past `MAX_ALIAS_COUNT`.
 */
export function readYaml(text: string): YamlContent {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    intAsBigInt: true,
    prettyErrors: false,
  });
  const base = { doc, lineCounter };

  const issues = [...syntaxIssues(doc), ...new TreeChecker(lineCounter).check(doc.contents)];
  if (issues.length > 0) return { ...base, ok: false, issues };

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // After the tree checks, the alias limit is the one way toJS fails on user input.
    if (!(error instanceof ReferenceError)) throw error;
    const message = `Aliases expand the config past ${MAX_ALIAS_COUNT} copies; write the values out`;
    const offset = offsetOf(firstAlias(doc.contents));
    return { ...base, ok: false, issues: [{ path: [], message, offset }] };
  }

  const unsafeIntegers: ConfigIssue[] = [];
  const data = toSafeNumbers(raw, [], unsafeIntegers);
  return { ...base, ok: true, data, unsafeIntegers };
}

function syntaxIssues(doc: Document.Parsed): ConfigIssue[] {
  // Duplicate keys are reported by TreeChecker, which can name both lines.
  return [...doc.errors, ...doc.warnings]
    .filter((problem) => problem.code !== 'DUPLICATE_KEY')
    .map((problem) => ({
      path: [],
      message: MESSAGE_BY_CODE[problem.code] ?? problem.message,
      offset: problem.pos[0],
    }));
}

/** Walks the parsed tree in document order for what the parser lets through. */
class TreeChecker {
  private readonly issues: ConfigIssue[] = [];
  private readonly definedAnchors = new Set<string>();
  private readonly enclosingAnchors: string[] = [];
  /** Every anchor in the document, to tell an alias used too early from one never anchored. */
  private readonly allAnchors = new Set<string>();

  constructor(private readonly lineCounter: LineCounter) {}

  check(root: Node | null): ConfigIssue[] {
    if (root) {
      visitYaml(root, {
        Node: (_, node) => {
          if (node.anchor) this.allAnchors.add(node.anchor);
        },
      });
    }
    this.visit(root, []);
    return this.issues;
  }

  private visit(node: Node | null, path: PathSegment[]): void {
    if (isAlias(node)) return this.checkAlias(node.source, path, offsetOf(node));
    if (isScalar(node) && node.anchor) this.definedAnchors.add(node.anchor);
    if (!isCollection(node)) return;

    // A collection's anchor is set as it opens, so that an alias inside it is a cycle.
    if (node.anchor) this.definedAnchors.add(node.anchor);
    this.enclosingAnchors.push(node.anchor ?? '');
    if (isMap(node)) this.visitMap(node.items, path);
    if (isSeq(node))
      node.items.forEach((item, index) => this.visit(item as Node, [...path, index]));
    this.enclosingAnchors.pop();
  }

  private visitMap(pairs: { key: unknown; value: unknown }[], path: PathSegment[]): void {
    const lineByKey = new Map<string, number>();
    for (const pair of pairs) {
      const key = pair.key as Node | null;
      if (isScalar(key) && key.anchor) this.definedAnchors.add(key.anchor);
      if (!isScalar(key) || typeof key.value !== 'string') {
        this.issues.push(nonTextKeyIssue(key, path));
        continue;
      }
      const line = this.lineCounter.linePos(offsetOf(key)).line;
      const firstLine = lineByKey.get(key.value);
      if (firstLine !== undefined) {
        const message = `is defined twice, on lines ${firstLine} and ${line}`;
        this.issues.push({ path: [...path, key.value], message, offset: offsetOf(key) });
      }
      lineByKey.set(key.value, firstLine ?? line);
      this.visit(pair.value as Node | null, [...path, key.value]);
    }
  }

  private checkAlias(anchor: string, path: PathSegment[], offset: number): void {
    if (!this.definedAnchors.has(anchor)) {
      const message = this.allAnchors.has(anchor)
        ? `uses the alias *${anchor} before its anchor &${anchor} is set`
        : `uses the alias *${anchor}, but no anchor &${anchor} is set`;
      this.issues.push({ path, message, offset });
    } else if (this.enclosingAnchors.includes(anchor)) {
      const message = `uses the alias *${anchor} inside the value it names`;
      this.issues.push({ path, message, offset });
    }
  }
}

function nonTextKeyIssue(key: Node | null, path: PathSegment[]): ConfigIssue {
  const offset = offsetOf(key);
  if (isScalar(key)) {
    const written = String(key.source ?? key.value);
    const message = `has the key ${written}, which is not text; write it in quotes: "${written}"`;
    return { path, message, offset };
  }
  return { path, message: 'has a key that is not text', offset };
}

function offsetOf(node: Node | null | undefined): number {
  return node?.range?.[0] ?? 0;
}

function firstAlias(node: unknown): Node | undefined {
  if (isAlias(node)) return node;
  const children = isMap(node)
    ? node.items.flatMap((pair) => [pair.key, pair.value])
    : isSeq(node)
      ? node.items
      : [];
  for (const child of children) {
    const found = firstAlias(child);
    if (found) return found;
  }
  return undefined;
}

/** Replaces bigints (every YAML integer) by numbers, noting those past the safe range. */
function toSafeNumbers(value: unknown, path: PathSegment[], unsafe: ConfigIssue[]): unknown {
  if (typeof value === 'bigint') {
    if (value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER) {
      unsafe.push({ path, message: 'is beyond the safe integer range' });
    }
    return Number(value);
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => toSafeNumbers(item, [...path, index], unsafe));
  }
  if (typeof value === 'object' && value !== null) {
    // fromEntries defines own properties, so a `__proto__` key stays a plain (unknown) key.
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        toSafeNumbers(item, [...path, key], unsafe),
      ]),
    );
  }
  return value;
}
