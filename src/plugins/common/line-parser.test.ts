import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLineParser, lineParserSpecSchema } from './line-parser.ts';

const NGINX = '203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326';
const NGINX_PATH = '"GET (?<path>\\S+)';
const NGINX_TIME = '\\[([^\\]]+)\\]';

function parserFor(options: unknown) {
  return createLineParser(lineParserSpecSchema.parse(options));
}

function problemsOf(options: unknown): string[] {
  const result = lineParserSpecSchema.safeParse(options);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('line parser options', () => {
  it('default to the whole line as key, with no time and no id', () => {
    expect(lineParserSpecSchema.parse({})).toEqual({ key: { line: true } });
  });

  it('default a regex group to 1', () => {
    expect(lineParserSpecSchema.parse({ key: { regex: 'a(b)' } }).key).toEqual({
      regex: 'a(b)',
      group: 1,
    });
  });

  it('reject an invalid regex with a message naming the problem', () => {
    expect(problemsOf({ key: { regex: 'GET (' } })).toEqual([
      'key.regex: invalid regex: Invalid regular expression: /GET (/: Unterminated group',
    ]);
  });

  it('reject a group the regex does not have, by number and by name', () => {
    expect(problemsOf({ key: { regex: 'a(b)', group: 2 } })).toEqual([
      'key.group: group 2 does not exist: the regex has 1 capture group(s)',
    ]);
    expect(problemsOf({ id: { regex: '(?<user>\\w+)', group: 'name' } })).toEqual([
      "id.group: group 'name' is not a named group of the regex",
    ]);
  });

  it('reject what is no key spec with a message that reads after the path', () => {
    expect(problemsOf({ key: 'user' })).toEqual([
      'key: must be { line: true }, { regex, group? } or { field }',
    ]);
    expect(problemsOf({ time: { format: 'clf' } })).toEqual([
      'time: must be { field, format } or { regex, group?, format }',
    ]);
    expect(problemsOf({ id: {} })).toEqual(['id: must be { field } or { regex, group? }']);
  });

  it('reject unknown keys at the top and inside a spec', () => {
    expect(problemsOf({ kee: { line: true } })).toEqual([': Unrecognized key: "kee"']);
    expect(problemsOf({ key: { line: true, group: 1 } })).toEqual([
      'key: Unrecognized key: "group"',
    ]);
  });

  it('describe every field for the options form', () => {
    const schema = z.toJSONSchema(lineParserSpecSchema, { io: 'input' });
    const text = JSON.stringify(schema);
    expect(text).toContain('What is counted');
    expect(text).toContain('Capture group to read');
    expect(text).toContain('How the time is written');
  });
});

describe('createLineParser', () => {
  it('keys by the whole line and keeps the line as payload', () => {
    expect(parserFor({})('hello world')).toEqual({ key: 'hello world', payload: 'hello world' });
  });

  it('keys by a named group and reads a CLF time and an id from regexes', () => {
    const parse = parserFor({
      key: { regex: NGINX_PATH, group: 'path' },
      time: { regex: NGINX_TIME, format: 'clf' },
      id: { regex: '^(\\S+)' },
    });
    expect(parse(NGINX)).toEqual({
      key: '/apache_pb.gif',
      ts: 971_211_336_000,
      id: '203.0.113.9',
      payload: NGINX,
    });
  });

  it('reads the same regex once for key and time', () => {
    const parse = parserFor({
      key: { regex: '^(\\w+) (\\d+)$', group: 1 },
      time: { regex: '^(\\w+) (\\d+)$', group: 2, format: 'epoch-ms' },
    });
    expect(parse('tick 1709208000250')).toEqual({
      key: 'tick',
      ts: 1_709_208_000_250,
      payload: 'tick 1709208000250',
    });
  });

  it('keys by a dotted JSON field and reads a fractional epoch-s time and a numeric id', () => {
    const parse = parserFor({
      key: { field: 'req.path' },
      time: { field: 't', format: 'epoch-s' },
      id: { field: 'n' },
    });
    const line = '{"req":{"path":"/a"},"t":1709208000.5,"n":17}';
    expect(parse(line)).toEqual({ key: '/a', ts: 1_709_208_000_500, id: '17', payload: line });
  });

  it('reads an ISO time from a JSON field', () => {
    const parse = parserFor({ key: { field: 'user' }, time: { field: 'at', format: 'iso8601' } });
    const line = '{"user":"ada","at":"2024-02-29T13:00:00+01:00"}';
    expect(parse(line)).toEqual({ key: 'ada', ts: 1_709_208_000_000, payload: line });
  });

  it('names what failed', () => {
    const byRegex = parserFor({ key: { regex: NGINX_PATH, group: 'path' } });
    expect(byRegex('no request here')).toEqual({ error: 'key regex did not match' });

    const optional = parserFor({ key: { regex: '^(a)?b' } });
    expect(optional('b')).toEqual({ error: 'key regex group 1 did not capture' });

    const byField = parserFor({ key: { field: 'user' }, time: { field: 't', format: 'clf' } });
    expect(byField('not json')).toEqual({ error: 'line is not a JSON object' });
    expect(byField('[1,2]')).toEqual({ error: 'line is not a JSON object' });
    expect(byField('{"name":"ada"}')).toEqual({ error: "key field 'user' is missing" });
    expect(byField('{"user":{"id":1}}')).toEqual({
      error: "key field 'user' is not a string or number",
    });
    expect(byField('{"user":"ada","t":"abc"}')).toEqual({ error: "time 'abc' is not clf" });
    expect(byField('{"user":""}')).toEqual({ error: 'key is empty' });
  });

  it('makes an event without an id from a JSON line without the id field', () => {
    const parse = parserFor({ key: { field: 'k' }, id: { field: 'meta.id' } });
    const missing = '{"k":"x","meta":{}}';
    expect(parse(missing)).toEqual({ key: 'x', payload: missing });
    const isNull = '{"k":"x","meta":{"id":null}}';
    expect(parse(isNull)).toEqual({ key: 'x', payload: isNull });
    const present = '{"k":"x","meta":{"id":"e-1"}}';
    expect(parse(present)).toEqual({ key: 'x', id: 'e-1', payload: present });
  });

  it('makes an event without an id when the id regex does not match or its group is empty', () => {
    const parse = parserFor({ key: { regex: '^(\\w+)' }, id: { regex: 'id=(\\d+)?' } });
    expect(parse('login')).toEqual({ key: 'login', payload: 'login' });
    expect(parse('login id=')).toEqual({ key: 'login', payload: 'login id=' });
    expect(parse('login id=42')).toEqual({ key: 'login', id: '42', payload: 'login id=42' });
  });

  it('makes an event without an id from a line that is not JSON when only the id is a field', () => {
    const parse = parserFor({ id: { field: 'id' } });
    expect(parse('plain text')).toEqual({ key: 'plain text', payload: 'plain text' });
  });

  it('still refuses an id field that is neither text nor a number', () => {
    const parse = parserFor({ key: { field: 'k' }, id: { field: 'id' } });
    expect(parse('{"k":"x","id":[1]}')).toEqual({
      error: "id field 'id' is not a string or number",
    });
  });

  it('still refuses a line without its key or its time', () => {
    const parse = parserFor({
      key: { regex: 'k=(\\w+)' },
      time: { regex: 't=(\\d+)', format: 'epoch-ms' },
      id: { regex: 'id=(\\w+)' },
    });
    expect(parse('t=5 id=a')).toEqual({ error: 'key regex did not match' });
    expect(parse('k=a id=a')).toEqual({ error: 'time regex did not match' });
    expect(parse('k=a t=5')).toEqual({ key: 'a', ts: 5, payload: 'k=a t=5' });
  });
});
