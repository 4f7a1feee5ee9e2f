import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ConfigError, formatConfigError, formatPath, parseConfig } from './parse.ts';
import { defaultConfigText, type StreamlensConfig } from './schema.ts';

/** Tiny stand-ins for plugin options schemas; the real ones live in src/plugins/. */
const tailOptions = z.strictObject({
  path: z.string(),
  key: z
    .strictObject({
      regex: z.string().refine(isRegex, 'must be a valid regular expression'),
      group: z.int().min(0).default(1),
    })
    .optional(),
});
const syntheticOptions = z.strictObject({ rate: z.number().gt(0).default(100) });
const plugins = new Map<string, z.ZodType>([
  ['file-tail', tailOptions],
  ['synthetic', syntheticOptions],
]);

function isRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** A stand-in with a choice of three and a union of maps, told apart by `field` or `regex`. */
const pickOptions = z.strictObject({
  level: z.enum(['low', 'mid', 'high']),
  from: z
    .union(
      [
        z.strictObject({ field: z.string(), format: z.enum(['a', 'b']) }),
        z.strictObject({
          regex: z.string(),
          group: z.int().default(1),
          format: z.enum(['a', 'b']),
        }),
      ],
      { error: 'must be { field, format } or { regex, group?, format }' },
    )
    .optional(),
});
const pickPlugins = new Map<string, z.ZodType>([['pick', pickOptions]]);

/** The formatted errors of text that must not parse. */
function errorsOf(text: string, using: ReadonlyMap<string, z.ZodType> = plugins): string[] {
  const result = parseConfig(text, { plugins: using });
  if (result.ok) throw new Error('expected the config to be refused');
  return result.errors.map(formatConfigError);
}

function configOf(text: string): StreamlensConfig {
  const result = parseConfig(text, { plugins });
  if (!result.ok) throw new Error(result.errors.map(formatConfigError).join('\n'));
  return result.config;
}

const DEFAULT_CONFIG: StreamlensConfig = {
  windows: [
    { label: '5s', lengthMs: 5_000, growth: 1.5, weight: 1 },
    { label: '15s', lengthMs: 15_000, growth: 1.4, weight: 2 },
    { label: '60s', lengthMs: 60_000, growth: 1.3, weight: 3 },
  ],
  paneMs: 1_000,
  topK: 10,
  paneCapacity: 10_000,
  latenessMs: 5_000,
  queue: { capacity: 10_000, resumeAt: 0.5 },
  dedup: { falsePositiveRate: 0.01, expectedRate: 10_000, rotationMs: 60_000, duplicates: 'flag' },
  bursts: { minPrevious: 1, confirmations: 2, cooldownMs: 10_000 },
  alerts: { ttlMs: 20_000, medium: 2, high: 4 },
  snapshots: { perSecond: 4 },
  log: {
    commitEveryMs: 50,
    checkpointEveryMs: 10_000,
    journalSizeLimitBytes: 67_108_864,
    busyTimeoutMs: 5_000,
  },
  sources: [{ id: 'demo', plugin: 'synthetic', overflow: 'pause', options: { rate: 100 } }],
};

describe('parseConfig defaults', () => {
  it('turns an empty file into the default config with every default filled', () => {
    expect(configOf('')).toEqual(DEFAULT_CONFIG);
  });

  it('treats a file of comments and blank lines as empty', () => {
    expect(configOf('# nothing yet\n\n   \n')).toEqual(DEFAULT_CONFIG);
  });

  it('reads the commented default file as exactly the default config', () => {
    expect(configOf(defaultConfigText())).toEqual(DEFAULT_CONFIG);
  });

  it('keeps the demo source options as written when no plugin schemas are given', () => {
    const result = parseConfig('');
    expect(result.ok && result.config.sources).toEqual([
      { id: 'demo', plugin: 'synthetic', overflow: 'pause', options: {} },
    ]);
  });

  it('fills the defaults of a section that is only partly written', () => {
    const config = configOf('queue: { capacity: 500 }\ndedup:\n  duplicates: skip\n');
    expect(config.queue).toEqual({ capacity: 500, resumeAt: 0.5 });
    expect(config.dedup).toEqual({
      falsePositiveRate: 0.01,
      expectedRate: 10_000,
      rotationMs: 60_000,
      duplicates: 'skip',
    });
  });

  it('accepts an empty list of sources', () => {
    expect(configOf('sources: []\n').sources).toEqual([]);
  });
});

describe('parseConfig on the example from the design', () => {
  const example = `windows: [5s, 15s, 60s]
pane: 1s
topK: 10
paneCapacity: 10000
lateness: 5s
queue: { capacity: 10000, resumeAt: 0.5 }
dedup: { falsePositiveRate: 0.01, expectedRate: 10000, rotation: 60s, duplicates: flag }
bursts:
  growth: { 5s: 1.5, 15s: 1.4, 60s: 1.3 }
  minPrevious: 1
  confirmations: 2
  cooldown: 10s
alerts:
  weights: { 5s: 1, 15s: 2, 60s: 3 }
  ttl: 20s
  medium: 2
  high: 4
snapshots: { perSecond: 4 }
log: { commitEvery: 50ms, checkpointEvery: 10s, journalSizeLimit: 67108864, busyTimeout: 5s }
sources:
  - id: web
    plugin: file-tail
    overflow: pause
    options: { path: /var/log/nginx/access.log, key: { regex: 'GET (\\S+)' } }
`;

  it('parses every setting, durations in ms, plugin defaults applied', () => {
    expect(configOf(example)).toEqual({
      ...DEFAULT_CONFIG,
      sources: [
        {
          id: 'web',
          plugin: 'file-tail',
          overflow: 'pause',
          options: { path: '/var/log/nginx/access.log', key: { regex: 'GET (\\S+)', group: 1 } },
        },
      ],
    });
  });
});

describe('parseConfig windows', () => {
  it('sorts windows by length, keeps their written labels and derives growth and weight', () => {
    const config = configOf('windows: [2m, 3s, 10000, 20s]\n');
    expect(config.windows).toEqual([
      { label: '3s', lengthMs: 3_000, growth: 1.5, weight: 1 },
      { label: '10s', lengthMs: 10_000, growth: 1.4, weight: 2 },
      { label: '20s', lengthMs: 20_000, growth: 1.3, weight: 3 },
      { label: '2m', lengthMs: 120_000, growth: 1.3, weight: 4 },
    ]);
  });

  it('matches growth and weight keys to windows by length however they are written', () => {
    const text =
      'windows: [5s, 2m]\nbursts:\n  growth: { 120s: 2.5 }\nalerts:\n  weights: { 5000ms: 7 }\n';
    expect(configOf(text).windows).toEqual([
      { label: '5s', lengthMs: 5_000, growth: 1.5, weight: 7 },
      { label: '2m', lengthMs: 120_000, growth: 2.5, weight: 2 },
    ]);
  });

  it('uses 1.5 as default growth up to and including 5s, 1.4 up to 15s, then 1.3', () => {
    const growths = configOf('windows: [5s, 6s, 15s, 16s]\n').windows.map((w) => w.growth);
    expect(growths).toEqual([1.5, 1.4, 1.4, 1.3]);
  });

  it('refuses a window that is not a multiple of the pane', () => {
    expect(errorsOf('pane: 2s\nwindows: [4s, 5s]\n')).toEqual([
      'windows[1] must be a multiple of pane (2s) (line 2, column 15)',
    ]);
  });

  it('refuses the same window written twice in different units', () => {
    expect(errorsOf('windows:\n  - 5s\n  - 5000ms\n')).toEqual([
      'windows[1] repeats windows[0] (5s) (line 3, column 5)',
    ]);
  });

  it('refuses an empty list of windows and more than twelve', () => {
    expect(errorsOf('windows: []\n')).toEqual([
      'windows must have at least 1 entry (line 1, column 10)',
    ]);
    const thirteen = Array.from({ length: 13 }, (_, i) => `${i + 1}s`).join(', ');
    expect(errorsOf(`windows: [${thirteen}]\n`)).toEqual([
      'windows must have at most 12 entries (line 1, column 10)',
    ]);
  });

  it('refuses a growth for a window that is not configured', () => {
    expect(errorsOf('windows: [5s, 15s]\nbursts:\n  growth:\n    30s: 2\n')).toEqual([
      'bursts.growth.30s is not a window; windows are 5s and 15s (line 4, column 5)',
    ]);
  });

  it('refuses a weight keyed by something that is not a duration', () => {
    expect(errorsOf('alerts:\n  weights: { fast: 2 }\n')).toEqual([
      'alerts.weights.fast is not a window; windows are 5s, 15s and 60s (line 2, column 14)',
    ]);
  });

  it('refuses two growth keys that name the same window', () => {
    expect(errorsOf('bursts:\n  growth: { 60s: 2, 1m: 3 }\n')).toEqual([
      'bursts.growth.1m names the same window as 60s (line 2, column 21)',
    ]);
  });

  it('refuses a growth of 1 or less', () => {
    expect(errorsOf('bursts:\n  growth: { 5s: 1 }\n')).toEqual([
      'bursts.growth.5s must be greater than 1 (line 2, column 17)',
    ]);
  });
});

describe('parseConfig values', () => {
  it('refuses a bad duration at its line and column', () => {
    expect(errorsOf('topK: 5\nwindows:\n  - 5s\n  - soon\n')).toEqual([
      'windows[1] must be a positive duration like 15s (line 4, column 5)',
    ]);
  });

  it('refuses durations that are zero, negative or not text or a number', () => {
    expect(errorsOf('pane: 0\nlateness: -5s\nlog:\n  busyTimeout: true\n')).toEqual([
      'pane must be a positive duration like 15s (line 1, column 7)',
      'lateness must be 0 or a positive duration like 15s (line 2, column 11)',
      'log.busyTimeout must be a positive duration like 15s (line 4, column 16)',
    ]);
  });

  it('accepts a lateness and a cooldown of zero, with or without a unit', () => {
    const config = configOf('lateness: 0s\nbursts: { cooldown: 0 }\n');
    expect([config.latenessMs, config.bursts.cooldownMs]).toEqual([0, 0]);
    expect(configOf('lateness: 0\nbursts: { cooldown: 0ms }\n').latenessMs).toBe(0);
  });

  it('refuses zero for every duration where zero would stall or empty the engine', () => {
    const text = [
      'pane: 0s',
      'dedup: { rotation: 0s }',
      'alerts: { ttl: 0s }',
      'log: { commitEvery: 0s, checkpointEvery: 0s, busyTimeout: 0s }',
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      'pane must be a positive duration like 15s (line 1, column 7)',
      'dedup.rotation must be a positive duration like 15s (line 2, column 20)',
      'alerts.ttl must be a positive duration like 15s (line 3, column 16)',
      'log.commitEvery must be a positive duration like 15s (line 4, column 21)',
      'log.checkpointEvery must be a positive duration like 15s (line 4, column 42)',
      'log.busyTimeout must be a positive duration like 15s (line 4, column 59)',
    ]);
  });

  it('refuses a non-negative duration that is negative, unitless text or not a duration', () => {
    expect(errorsOf('lateness: -1\nbursts: { cooldown: soon }\n')).toEqual([
      'lateness must be 0 or a positive duration like 15s (line 1, column 11)',
      'bursts.cooldown must be 0 or a positive duration like 15s (line 2, column 21)',
    ]);
    expect(errorsOf('lateness: [1s]\n')).toEqual([
      'lateness must be 0 or a positive duration like 15s (line 1, column 11)',
    ]);
  });

  it('reads a plain number as milliseconds, as the default file says', () => {
    expect(configOf('pane: 5\nwindows: [5s]\n').paneMs).toBe(5);
    expect(defaultConfigText()).toContain(
      '# Streamlens configuration. Durations are written like 250ms, 15s, 2m or 1h; a plain\n' +
        '# number is milliseconds (pane: 5 is 5ms, not 5s).\n',
    );
  });

  it('refuses numbers out of range with the bound in the message', () => {
    const text = 'topK: 1001\npaneCapacity: 15\nqueue: { capacity: 0, resumeAt: 1 }\n';
    expect(errorsOf(text)).toEqual([
      'topK must be at most 1000 (line 1, column 7)',
      'paneCapacity must be at least 16 (line 2, column 15)',
      'queue.capacity must be at least 1 (line 3, column 20)',
      'queue.resumeAt must be less than 1 (line 3, column 33)',
    ]);
  });

  it('refuses a fraction where a whole number is needed, and infinity', () => {
    expect(errorsOf('topK: 2.5\nsnapshots: { perSecond: .inf }\n')).toEqual([
      'topK must be a whole number (line 1, column 7)',
      'snapshots.perSecond must be a finite number (line 2, column 25)',
    ]);
  });

  it('refuses an integer beyond the safe range once, naming its path', () => {
    expect(errorsOf('queue:\n  capacity: 9007199254740993\n')).toEqual([
      'queue.capacity is beyond the safe integer range (line 2, column 13)',
    ]);
  });

  it('reads integers in the safe range exactly, including hexadecimal', () => {
    expect(configOf('log: { journalSizeLimit: 9007199254740991 }\ntopK: 0x10\n')).toMatchObject({
      topK: 16,
      log: { journalSizeLimitBytes: 9_007_199_254_740_991 },
    });
  });

  it('refuses an unknown choice, listing the choices', () => {
    expect(errorsOf('dedup: { duplicates: keep }\n')).toEqual([
      'dedup.duplicates must be flag or skip (line 1, column 22)',
    ]);
  });

  it('lists three or more choices as one of them, and names a missing choice as required', () => {
    const text = 'sources:\n  - { id: a, plugin: pick, options: { level: loud } }\n';
    expect(errorsOf(text, pickPlugins)).toEqual([
      'sources[0].options.level must be one of low, mid, high (line 2, column 46)',
    ]);
    const empty = 'sources:\n  - { id: a, plugin: pick, options: {} }\n';
    expect(errorsOf(empty, pickPlugins)).toEqual([
      'sources[0].options.level is required: one of low, mid, high (line 2, column 37)',
    ]);
  });

  it('refuses a high severity score below the medium one', () => {
    expect(errorsOf('alerts:\n  medium: 5\n  high: 3\n')).toEqual([
      'alerts.high must be at least alerts.medium (5) (line 3, column 9)',
    ]);
  });

  it('places an error about an empty value on its key', () => {
    expect(errorsOf('topK: 5\npane:\n')).toEqual([
      'pane must be a positive duration like 15s (line 2, column 1)',
    ]);
  });

  it('refuses a section of the wrong type', () => {
    expect(errorsOf('queue: 5\nsources:\n')).toEqual([
      'queue must be a map (line 1, column 8)',
      'sources must be a list (line 2, column 1)',
    ]);
  });

  it('refuses a file that is a list rather than a map of settings', () => {
    expect(errorsOf('- topK\n')).toEqual([
      'The config must be a map of settings (line 1, column 1)',
    ]);
  });
});

describe('parseConfig keys', () => {
  it('refuses an unknown top-level key and suggests the close one', () => {
    expect(errorsOf('topk: 5\n')).toEqual([
      'topk is not a known key; did you mean topK? (line 1, column 1)',
    ]);
  });

  it('suggests a key one typo away inside a section', () => {
    expect(errorsOf('queue:\n  capacty: 5\n')).toEqual([
      'queue.capacty is not a known key; did you mean capacity? (line 2, column 3)',
    ]);
  });

  it('lists the known keys when nothing is close', () => {
    expect(errorsOf('snapshots: { rate: 5 }\n')).toEqual([
      'snapshots.rate is not a known key; known keys are perSecond (line 1, column 14)',
    ]);
  });

  it('refuses __proto__ as an unknown key without touching any prototype', () => {
    expect(errorsOf('__proto__: { topK: 1 }\n')[0]).toMatch(/^__proto__ is not a known key/);
    expect(({} as Record<string, unknown>).topK).toBe(undefined);
  });

  it('refuses a duplicate key, naming both lines', () => {
    expect(errorsOf('topK: 1\nqueue:\n  capacity: 1\n  capacity: 2\ntopK: 3\n')).toEqual([
      'queue.capacity is defined twice, on lines 3 and 4 (line 4, column 3)',
      'topK is defined twice, on lines 1 and 5 (line 5, column 1)',
    ]);
  });

  it('refuses a duplicate key inside a flow map', () => {
    expect(errorsOf('queue: { capacity: 1, capacity: 2 }\n')).toEqual([
      'queue.capacity is defined twice, on lines 1 and 1 (line 1, column 23)',
    ]);
  });

  it('refuses keys that are not text, suggesting quotes', () => {
    expect(errorsOf('1: a\nbursts:\n  growth:\n    5: 2\n')).toEqual([
      'has the key 1, which is not text; write it in quotes: "1" (line 1, column 1)',
      'bursts.growth has the key 5, which is not text; write it in quotes: "5" (line 4, column 5)',
    ]);
  });

  it('refuses a key that is a list', () => {
    expect(errorsOf('? [a, b]\n: 1\n')).toEqual(['has a key that is not text (line 1, column 3)']);
  });
});

describe('parseConfig YAML the lenient parser would accept', () => {
  it('refuses tabs used as indentation', () => {
    expect(errorsOf('queue:\n\tcapacity: 3\n')).toEqual([
      'Tabs are not allowed as indentation (line 2, column 1)',
    ]);
  });

  it('refuses an unclosed flow list that the parser would close by itself', () => {
    expect(errorsOf('windows: [5s, 15s\npane: 1s\n')).toEqual([
      'Flow sequence in block collection must be sufficiently indented and end with a ] (line 2, column 1)',
    ]);
  });

  it('refuses a second document', () => {
    expect(errorsOf('topK: 1\n---\ntopK: 2\n')).toEqual([
      'The file holds more than one YAML document; a config is a single document (line 2, column 1)',
    ]);
  });

  it('refuses a tag it does not know (a warning in YAML)', () => {
    expect(errorsOf('topK: !big 5\n')).toEqual(['Unresolved tag: !big (line 1, column 7)']);
  });

  it('refuses a map written where a plain value continues', () => {
    expect(errorsOf('topK: 10\n  pane: 1s\n')).toEqual([
      'Nested mappings are not allowed in compact mappings (line 1, column 7)',
      'Implicit keys need to be on a single line (line 1, column 7)',
    ]);
  });
});

describe('parseConfig aliases', () => {
  it('accepts an alias to a value anchored earlier', () => {
    const text =
      'windows: &w [5s, 10s]\nbursts:\n  growth: { 5s: 2, 10s: 2 }\nalerts:\n  weights: { 5s: 1, 10s: 1 }\n';
    const aliased = 'bursts:\n  growth: &g { 5s: 2, 15s: 2, 60s: 2 }\nalerts:\n  weights: *g\n';
    expect(configOf(text).windows.map((w) => w.lengthMs)).toEqual([5_000, 10_000]);
    expect(configOf(aliased).windows.map((w) => [w.growth, w.weight])).toEqual([
      [2, 2],
      [2, 2],
      [2, 2],
    ]);
  });

  it('refuses an alias expansion bomb at its first alias', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    expect(errorsOf(bomb)).toEqual([
      'Aliases expand the config past 100 copies; write the values out (line 2, column 8)',
    ]);
  });

  it('refuses an alias inside the value it names', () => {
    expect(errorsOf('sources: &s [*s]\n')).toEqual([
      'sources[0] uses the alias *s inside the value it names (line 1, column 14)',
    ]);
  });

  it('accepts an alias to a plain value anchored earlier', () => {
    const config = configOf('pane: &step 1s\nlateness: *step\ntopK: &k 3\nalerts: { high: *k }\n');
    expect([config.paneMs, config.latenessMs, config.topK, config.alerts.high]).toEqual([
      1_000, 1_000, 3, 3,
    ]);
  });

  it('accepts an alias to an anchored key, which stands for the key text', () => {
    expect(errorsOf('&d dedup: {}\ntopK: *d\n')).toEqual([
      'topK must be a number (line 2, column 7)',
    ]);
  });

  it('reports an alias to an earlier plain value only for what the value is', () => {
    expect(errorsOf('x: &x 5\ntopK: *x\n')).toEqual([
      'x is not a known key; known keys are windows, pane, topK, paneCapacity, lateness, queue, dedup, bursts, alerts, snapshots, log and sources (line 1, column 1)',
    ]);
  });

  it('refuses an alias used before its anchor', () => {
    expect(errorsOf('topK: *k\npaneCapacity: &k 100\n')).toEqual([
      'topK uses the alias *k before its anchor &k is set (line 1, column 7)',
    ]);
  });

  it('refuses an alias whose anchor is nowhere', () => {
    expect(errorsOf('topK: 3\nalerts: { high: *k }\n')).toEqual([
      'alerts.high uses the alias *k, but no anchor &k is set (line 2, column 17)',
    ]);
  });
});

describe('parseConfig sources', () => {
  it('refuses an unknown plugin, listing the known ones', () => {
    expect(errorsOf('sources:\n  - id: web\n    plugin: file-tial\n')).toEqual([
      'sources[0].plugin "file-tial" is not a known plugin; known plugins are file-tail and synthetic (line 3, column 13)',
    ]);
  });

  it('refuses an unknown plugin without a list when plugins come from a lookup function', () => {
    const result = parseConfig('sources: [{ id: a, plugin: tcp }]\n', { plugins: () => undefined });
    expect(result.ok ? [] : result.errors).toEqual([
      { path: 'sources[0].plugin', message: '"tcp" is not a known plugin', line: 1, column: 28 },
    ]);
  });

  it('refuses bad plugin options with their full path and position', () => {
    const text = [
      'sources:',
      '  - id: web',
      '    plugin: file-tail',
      '    options:',
      '      path: ./access.log',
      '      key: { regex: "GET (", group: -1 }',
      '      pth: x',
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      'sources[0].options.key.regex must be a valid regular expression (line 6, column 21)',
      'sources[0].options.key.group must be at least 0 (line 6, column 37)',
      'sources[0].options.pth is not a known key; did you mean path? (line 7, column 7)',
    ]);
  });

  it('places a missing required plugin option on the options map', () => {
    expect(errorsOf('sources:\n  - id: web\n    plugin: file-tail\n    options: {}\n')).toEqual([
      'sources[0].options.path is required (line 4, column 14)',
    ]);
  });

  it('refuses bad ids, a missing id and a repeated id, each at its place', () => {
    const text = [
      'sources:',
      '  - { id: Web, plugin: synthetic }',
      '  - { plugin: synthetic }',
      '  - { id: a, plugin: synthetic }',
      `  - { id: ${'a'.repeat(65)}, plugin: synthetic }`,
      '  - { id: a, plugin: synthetic, overflow: block }',
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      'sources[0].id must use only a-z, 0-9, _ and -, starting with a letter or digit (line 2, column 11)',
      'sources[1].id is required (line 3, column 5)',
      'sources[3].id must be at most 64 characters long (line 5, column 11)',
      'sources[4].overflow must be pause or drop (line 6, column 43)',
    ]);
    expect(
      errorsOf('sources:\n  - { id: a, plugin: synthetic }\n  - { id: a, plugin: synthetic }\n'),
    ).toEqual(['sources[1].id is already used by sources[0] (line 3, column 11)']);
  });

  it('passes options through unchecked when no plugin schemas are given', () => {
    const result = parseConfig('sources: [{ id: a, plugin: anything, options: { x: 1 } }]\n');
    expect(result.ok && result.config.sources).toEqual([
      { id: 'a', plugin: 'anything', overflow: 'pause', options: { x: 1 } },
    ]);
  });

  it('refuses the default demo source when no synthetic plugin is known', () => {
    const result = parseConfig('', { plugins: new Map() });
    expect(result.ok ? [] : result.errors).toEqual([
      {
        path: 'sources[0].plugin',
        message: '"synthetic" is not a known plugin; no plugins are loaded',
        line: 1,
        column: 1,
      },
    ]);
  });
});

describe('parseConfig unions of maps in plugin options', () => {
  /** The errors of a `pick` source whose `from` option is `from` (flow YAML). */
  function fromErrors(from: string): string[] {
    return errorsOf(
      `sources:\n  - id: a\n    plugin: pick\n    options:\n      level: low\n      from: ${from}\n`,
      pickPlugins,
    );
  }

  it('reports the problem inside the branch that a key only it has picks, at that value', () => {
    expect(fromErrors('{ regex: x, format: c }')).toEqual([
      'sources[0].options.from.format must be a or b (line 6, column 33)',
    ]);
    expect(fromErrors('{ field: 5, format: a }')).toEqual([
      'sources[0].options.from.field must be text (line 6, column 22)',
    ]);
  });

  it('names a key missing from the branch picked', () => {
    expect(fromErrors('{ regex: x }')).toEqual([
      'sources[0].options.from.format is required: a or b (line 6, column 13)',
    ]);
  });

  it('suggests the branch key closest to an unknown one', () => {
    expect(fromErrors('{ regex: x, gruop: 2, format: a }')).toEqual([
      'sources[0].options.from.gruop is not a known key; did you mean group? (line 6, column 25)',
    ]);
    expect(fromErrors('{ field: x, group: 2, format: a }')).toEqual([
      'sources[0].options.from.group is not a known key; known keys are field and format (line 6, column 25)',
    ]);
  });

  it('says which keys do not go together when two branches are picked', () => {
    expect(fromErrors('{ field: x, regex: y, format: a }')).toEqual([
      'sources[0].options.from must have only one of field and regex (line 6, column 13)',
    ]);
  });

  it("keeps the union's own message when no branch is picked", () => {
    expect(fromErrors('{ format: a }')).toEqual([
      'sources[0].options.from must be { field, format } or { regex, group?, format } (line 6, column 13)',
    ]);
    expect(fromErrors('[x]')).toEqual([
      'sources[0].options.from must be { field, format } or { regex, group?, format } (line 6, column 13)',
    ]);
  });
});

describe('parseConfig error collection', () => {
  it('reports the errors of every section, sorted by line', () => {
    const text = [
      'sources:',
      '  - { id: a, plugin: nope }',
      'topK: 0',
      'queue: { resumeAt: 2 }',
      'windws: [5s]',
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      'sources[0].plugin "nope" is not a known plugin; known plugins are file-tail and synthetic (line 2, column 22)',
      'topK must be at least 1 (line 3, column 7)',
      'queue.resumeAt must be less than 1 (line 4, column 20)',
      'windws is not a known key; did you mean windows? (line 5, column 1)',
    ]);
  });
});

describe('formatConfigError', () => {
  it('puts the path first and the position last', () => {
    const error: ConfigError = { path: 'windows[1]', message: 'must be x', line: 3, column: 5 };
    expect(formatConfigError(error)).toBe('windows[1] must be x (line 3, column 5)');
  });

  it('prints only the message for an error about the whole file', () => {
    const error: ConfigError = { path: '', message: 'Bad file', line: 1, column: 1 };
    expect(formatConfigError(error)).toBe('Bad file (line 1, column 1)');
  });
});

describe('formatPath', () => {
  it('writes indexes in brackets and keys after dots', () => {
    expect(formatPath(['sources', 0, 'options', 'key', 'regex'])).toBe(
      'sources[0].options.key.regex',
    );
    expect(formatPath([])).toBe('');
  });
});
