import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../shared/api.ts';
import type { Logger } from '../engine/logger.ts';
import { fanOutLogger, LogFanout } from './log-fanout.ts';

function collect(fanout: LogFanout): LogLine[] {
  const lines: LogLine[] = [];
  fanout.subscribe((line) => lines.push(line));
  return lines;
}

describe('LogFanout', () => {
  it('delivers lines with their time, level, message and a copy of their fields', () => {
    const fanout = new LogFanout(3);
    const lines = collect(fanout);
    const fields = { source: 'web', count: 2 };
    fanout.offer('warn', 'paused', fields, 1_000);
    expect(lines).toEqual([{ time: 1_000, level: 'warn', message: 'paused', fields }]);
    expect(lines[0].fields).not.toBe(fields);
  });

  it('delivers at most the budget per second and reports the skipped lines in the next', () => {
    const fanout = new LogFanout(2);
    const lines = collect(fanout);
    for (const time of [0, 10, 20, 999, 1_000, 1_500]) fanout.offer('info', `at ${time}`, {}, time);
    expect(lines.map((line) => [line.time, line.level, line.message])).toEqual([
      [0, 'info', 'at 0'],
      [10, 'info', 'at 10'],
      [1_000, 'warn', 'skipped 2 log lines (more than 2 a second)'],
      [1_000, 'info', 'at 1000'],
    ]);
    expect(lines[2].fields).toEqual({ skipped: 2 });
  });

  it('does nothing while nobody listens, so nothing is reported as skipped later', () => {
    const fanout = new LogFanout(1);
    for (let time = 0; time < 5; time++) fanout.offer('error', 'lost', {}, time);
    const lines = collect(fanout);
    fanout.offer('info', 'heard', {}, 10);
    expect(lines.map((line) => line.message)).toEqual(['heard']);
  });

  it('keeps fields that JSON cannot carry out of the line', () => {
    const fanout = new LogFanout();
    const lines = collect(fanout);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    fanout.offer('info', 'odd', circular, 0);
    fanout.offer('info', 'big', { n: 10n }, 0);
    expect(lines.map((line) => line.fields)).toEqual([
      { unserializable: true },
      { unserializable: true },
    ]);
  });
});

describe('fanOutLogger', () => {
  it('writes every level to the base logger and fans out info and above', () => {
    const written: string[] = [];
    const record = (level: string) => (_fields: object, message: string) => {
      written.push(`${level}: ${message}`);
    };
    const base: Logger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    };
    const fanout = new LogFanout();
    const lines = collect(fanout);
    const logger = fanOutLogger(base, fanout, () => 42);
    logger.debug({}, 'd');
    logger.info({ a: 1 }, 'i');
    logger.warn({}, 'w');
    logger.error({}, 'e');
    expect(written).toEqual(['debug: d', 'info: i', 'warn: w', 'error: e']);
    expect(lines.map(({ time, level, message }) => `${time} ${level} ${message}`)).toEqual([
      '42 info i',
      '42 warn w',
      '42 error e',
    ]);
  });
});
