import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatConfigError, parseConfig } from '../shared/config/parse.ts';
import { builtinPlugins } from './index.ts';

/* The built-in plugins' options schemas as the config file reports them to the user. */

const plugins = new Map([...builtinPlugins].map(([name, plugin]) => [name, plugin.optionsSchema]));

/** The formatted errors of a config with one source of `plugin` whose options are `lines`. */
function optionErrors(plugin: string, lines: string[]): string[] {
  const options = lines.map((line) => `      ${line}`).join('\n');
  const text = `sources:\n  - id: a\n    plugin: ${plugin}\n    options:\n${options}\n`;
  const result = parseConfig(text, { plugins });
  return result.ok ? [] : result.errors.map(formatConfigError);
}

describe('file-tail options in a config', () => {
  it('refuses a misspelt option and suggests the known one, on its key', () => {
    expect(optionErrors('file-tail', ['path: x.log', 'startat: beginning'])).toEqual([
      'sources[0].options.startat is not a known key; did you mean startAt? (line 6, column 7)',
    ]);
    expect(optionErrors('file-tail', ['path: x.log', "kee: { regex: 'GET (\\S+)' }"])).toEqual([
      'sources[0].options.kee is not a known key; did you mean key? (line 6, column 7)',
    ]);
  });

  it('refuses a misspelt key inside a key, time or id spec', () => {
    expect(optionErrors('file-tail', ['path: x.log', "key: { regex: 'a(b)', gruop: 1 }"])).toEqual([
      'sources[0].options.key.gruop is not a known key; did you mean group? (line 6, column 29)',
    ]);
    expect(
      optionErrors('file-tail', ['path: x.log', 'time: { field: t, fromat: clf, format: clf }']),
    ).toEqual([
      'sources[0].options.time.fromat is not a known key; did you mean format? (line 6, column 25)',
    ]);
    expect(optionErrors('file-tail', ['path: x.log', 'id: { field: n, line: true }'])).toEqual([
      'sources[0].options.id.line is not a known key; known keys are field (line 6, column 23)',
    ]);
  });

  it('names a bad time format at its value rather than the whole time spec', () => {
    const time = "time: { regex: '\\[([^\\]]+)\\]', format: strftime }";
    expect(optionErrors('file-tail', ['path: x.log', time])).toEqual([
      'sources[0].options.time.format must be one of iso8601, epoch-s, epoch-ms, clf (line 6, column 46)',
    ]);
    expect(optionErrors('file-tail', ['path: x.log', 'time: { field: at, format: 5 }'])).toEqual([
      'sources[0].options.time.format must be one of iso8601, epoch-s, epoch-ms, clf (line 6, column 34)',
    ]);
  });

  it('names a missing time format', () => {
    expect(optionErrors('file-tail', ['path: x.log', 'time: { field: at }'])).toEqual([
      'sources[0].options.time.format is required: one of iso8601, epoch-s, epoch-ms, clf (line 6, column 13)',
    ]);
  });

  it('names the problem inside a spec: a bad regex, a missing group, an empty field', () => {
    const lines = [
      'path: x.log',
      "key: { regex: 'a(b)', group: 3 }",
      "time: { regex: '(', format: clf }",
      "id: { field: '' }",
    ];
    expect(optionErrors('file-tail', lines)).toEqual([
      'sources[0].options.key.group group 3 does not exist: the regex has 1 capture group(s) (line 6, column 36)',
      'sources[0].options.time.regex invalid regex: Invalid regular expression: /(/: Unterminated group (line 7, column 22)',
      'sources[0].options.id.field must not be empty (line 8, column 20)',
    ]);
  });

  it('says which keys do not go together, and what a spec may be when it is none', () => {
    expect(optionErrors('file-tail', ['path: x.log', "key: { field: user, regex: 'x' }"])).toEqual([
      'sources[0].options.key must have only one of regex and field (line 6, column 12)',
    ]);
    expect(optionErrors('file-tail', ['path: x.log', 'key: user'])).toEqual([
      'sources[0].options.key must be { line: true }, { regex, group? } or { field } (line 6, column 12)',
    ]);
    expect(optionErrors('file-tail', ['path: x.log', 'time: { format: clf }'])).toEqual([
      'sources[0].options.time must be { field, format } or { regex, group?, format } (line 6, column 13)',
    ]);
  });

  it('says what a duration and a path must be', () => {
    expect(optionErrors('file-tail', ['path: logs/*/x.log', 'pollInterval: true'])).toEqual([
      'sources[0].options.path may use * and ? only in its last segment (the file name) (line 5, column 13)',
      'sources[0].options.pollInterval must be a positive duration like 15s (line 6, column 21)',
    ]);
  });

  it('accepts the example nginx config as it ships', () => {
    const text = readFileSync(new URL('../../examples/nginx-access.yml', import.meta.url), 'utf8');
    const result = parseConfig(text, { plugins });
    expect(result.ok ? [] : result.errors.map(formatConfigError)).toEqual([]);
  });
});

describe('synthetic options in a config', () => {
  it('refuses a misspelt option and suggests the known one, on its key', () => {
    expect(optionErrors('synthetic', ['ratee: 5'])).toEqual([
      'sources[0].options.ratee is not a known key; did you mean rate? (line 5, column 7)',
    ]);
  });

  it('says what keys may be, and compares the burst to its period without repeating the name', () => {
    expect(optionErrors('synthetic', ['keys: abc'])).toEqual([
      'sources[0].options.keys must be a list of keys or a whole number of keys (line 5, column 13)',
    ]);
    expect(optionErrors('synthetic', ['burstEvery: 5s', 'burstFor: 5s'])).toEqual([
      'sources[0].options.burstFor must be shorter than burstEvery (line 6, column 17)',
    ]);
    expect(optionErrors('synthetic', ['keys: []'])).toEqual([
      'sources[0].options.keys must have at least 1 entry (line 5, column 13)',
    ]);
  });
});
