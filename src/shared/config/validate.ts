import type { z } from 'zod';
import { formatDuration, parseDuration } from './duration.ts';
import {
  type ConfigIssue,
  type PathSegment,
  describeIssue,
  listWords,
  toConfigIssues,
  unknownKeyIssue,
} from './issues.ts';
import {
  type ConfigSections,
  type SourceConfig,
  type StreamlensConfig,
  type WindowConfig,
  type WrittenWindow,
  DEFAULT_SOURCES,
  defaultGrowth,
  sectionSchemas,
  sourceSchema,
} from './schema.ts';

/**
 * Where source options schemas come from: a map from plugin name to its options schema
 * (errors then list the known names), or a lookup function.
 */
export type PluginSchemas =
  ReadonlyMap<string, z.ZodType> | ((name: string) => z.ZodType | undefined);

/** The config, or every issue found in it. */
export type Validation =
  { ok: true; config: StreamlensConfig } | { ok: false; issues: ConfigIssue[] };

type SectionName = keyof typeof sectionSchemas;
type PartialSections = Partial<ConfigSections>;

/**
 * Checks plain data (what the YAML holds) against the config schema and resolves it into a
 * `StreamlensConfig`. Each section, each source and each source's options is checked on its
 * own so that all their issues are reported together. `undefined` or `null` data is the
 * default config. Without `plugins`, plugin names are not checked and options pass through.
 */
export function validateConfig(data: unknown, plugins?: PluginSchemas): Validation {
  const root = data ?? {};
  if (!isPlainMap(root)) {
    return { ok: false, issues: [{ path: [], message: 'The config must be a map of settings' }] };
  }

  const issues: ConfigIssue[] = unknownTopLevelKeys(root);
  const sections = parseSections(root, issues);
  // `sections` holds only the sections that parsed; a `sources` that is not a list has no entries.
  const sources =
    'sources' in sections
      ? parseSources(sections.sources ?? DEFAULT_SOURCES, plugins, issues)
      : undefined;
  const windows = resolveWindows(sections, issues);

  if (issues.length > 0 || !windows || !sources) return { ok: false, issues };
  return { ok: true, config: assemble(sections as ConfigSections, windows, sources) };
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownTopLevelKeys(root: Record<string, unknown>): ConfigIssue[] {
  const known = Object.keys(sectionSchemas);
  return Object.keys(root)
    .filter((key) => !known.includes(key))
    .map((key) => unknownKeyIssue([key], known));
}

function parseSections(root: Record<string, unknown>, issues: ConfigIssue[]): PartialSections {
  const sections: Record<string, unknown> = {};
  for (const name of Object.keys(sectionSchemas) as SectionName[]) {
    const schema: z.ZodType = sectionSchemas[name];
    const result = schema.safeParse(root[name], { error: describeIssue });
    if (result.success) sections[name] = result.data;
    else issues.push(...toConfigIssues(result.error, schema, [name], root[name]));
  }
  return sections as PartialSections;
}

function parseSources(
  entries: readonly unknown[],
  plugins: PluginSchemas | undefined,
  issues: ConfigIssue[],
): SourceConfig[] {
  const sources: SourceConfig[] = [];
  const indexById = new Map<string, number>();
  entries.forEach((entry, index) => {
    const result = sourceSchema.safeParse(entry, { error: describeIssue });
    if (!result.success) {
      issues.push(...toConfigIssues(result.error, sourceSchema, ['sources', index], entry));
      return;
    }
    const source: SourceConfig = result.data;
    const first = indexById.get(source.id);
    if (first !== undefined) {
      const message = `is already used by sources[${first}]`;
      issues.push({ path: ['sources', index, 'id'], message });
    }
    indexById.set(source.id, first ?? index);
    sources.push(plugins ? withPluginOptions(source, index, plugins, issues) : source);
  });
  return sources;
}

function withPluginOptions(
  source: SourceConfig,
  index: number,
  plugins: PluginSchemas,
  issues: ConfigIssue[],
): SourceConfig {
  const schema =
    typeof plugins === 'function' ? plugins(source.plugin) : plugins.get(source.plugin);
  if (!schema) {
    issues.push({
      path: ['sources', index, 'plugin'],
      message: unknownPluginMessage(source, plugins),
    });
    return source;
  }
  const result = schema.safeParse(source.options, { error: describeIssue });
  if (result.success) return { ...source, options: result.data };
  issues.push(
    ...toConfigIssues(result.error, schema, ['sources', index, 'options'], source.options),
  );
  return source;
}

function unknownPluginMessage(source: SourceConfig, plugins: PluginSchemas): string {
  const message = `"${source.plugin}" is not a known plugin`;
  if (typeof plugins === 'function') return message;
  const names = [...plugins.keys()].sort();
  if (names.length === 0) return `${message}; no plugins are loaded`;
  return `${message}; known plugins are ${listWords(names, 'and')}`;
}

/** Checks windows against the pane and the per-window settings; the list when all agree. */
function resolveWindows(
  sections: PartialSections,
  issues: ConfigIssue[],
): WindowConfig[] | undefined {
  const { windows: written, pane: paneMs, bursts, alerts } = sections;
  if (!written) return undefined;
  const lengthsMs = written.map((window) => window.lengthMs);
  if (paneMs !== undefined) checkPaneMultiples(lengthsMs, paneMs, issues);
  const growth = bursts && perWindow(bursts.growth, written, ['bursts', 'growth'], issues);
  const weights = alerts && perWindow(alerts.weights, written, ['alerts', 'weights'], issues);
  if (!growth || !weights) return undefined;

  return [...written]
    .sort((a, b) => a.lengthMs - b.lengthMs)
    .map(({ label, lengthMs }, index) => ({
      label,
      lengthMs,
      growth: growth.get(lengthMs) ?? defaultGrowth(lengthMs),
      weight: weights.get(lengthMs) ?? index + 1,
    }));
}

function checkPaneMultiples(lengthsMs: number[], paneMs: number, issues: ConfigIssue[]): void {
  lengthsMs.forEach((lengthMs, index) => {
    if (lengthMs % paneMs === 0) return;
    const message = `must be a multiple of pane (${formatDuration(paneMs)})`;
    issues.push({ path: ['windows', index], message });
  });
}

/**
 * Reads a map keyed by window (`5s: 1.5`) into values by window length (ms). A key matches a
 * window of the same length however it is written (`60s` or `1m`).
 */
function perWindow(
  values: Record<string, number>,
  windows: WrittenWindow[],
  path: PathSegment[],
  issues: ConfigIssue[],
): Map<number, number> {
  const byLength = new Map<number, number>();
  const keyByLength = new Map<number, string>();
  const windowList = listWords(
    windows.map((window) => window.label),
    'and',
  );
  for (const [key, value] of Object.entries(values)) {
    const lengthMs = parseDuration(key);
    if (lengthMs === undefined || !windows.some((window) => window.lengthMs === lengthMs)) {
      const message = `is not a window; windows are ${windowList}`;
      issues.push({ path: [...path, key], message, at: 'key' });
    } else if (keyByLength.has(lengthMs)) {
      const message = `names the same window as ${keyByLength.get(lengthMs)}`;
      issues.push({ path: [...path, key], message, at: 'key' });
    } else {
      byLength.set(lengthMs, value);
      keyByLength.set(lengthMs, key);
    }
  }
  return byLength;
}

function assemble(
  sections: ConfigSections,
  windows: WindowConfig[],
  sources: SourceConfig[],
): StreamlensConfig {
  const { dedup, bursts, alerts, log } = sections;
  return {
    windows,
    paneMs: sections.pane,
    topK: sections.topK,
    paneCapacity: sections.paneCapacity,
    latenessMs: sections.lateness,
    queue: { ...sections.queue },
    dedup: {
      falsePositiveRate: dedup.falsePositiveRate,
      expectedRate: dedup.expectedRate,
      rotationMs: dedup.rotation,
      duplicates: dedup.duplicates,
    },
    bursts: {
      minPrevious: bursts.minPrevious,
      confirmations: bursts.confirmations,
      cooldownMs: bursts.cooldown,
    },
    alerts: { ttlMs: alerts.ttl, medium: alerts.medium, high: alerts.high },
    snapshots: { ...sections.snapshots },
    log: {
      commitEveryMs: log.commitEvery,
      checkpointEveryMs: log.checkpointEvery,
      journalSizeLimitBytes: log.journalSizeLimit,
      busyTimeoutMs: log.busyTimeout,
    },
    sources,
  };
}
