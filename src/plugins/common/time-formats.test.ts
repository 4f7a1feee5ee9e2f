import { describe, expect, it } from 'vitest';
import { parseClf, parseIso8601, parseTime } from './time-formats.ts';

describe('parseClf', () => {
  it('reads the Apache documentation example with a negative offset', () => {
    expect(parseClf('10/Oct/2000:13:55:36 -0700')).toBe(971_211_336_000);
  });

  it('reads a time inside its square brackets', () => {
    expect(parseClf('[10/Oct/2000:13:55:36 -0700]')).toBe(971_211_336_000);
  });

  it('subtracts a positive offset with minutes', () => {
    expect(parseClf('29/Feb/2024:23:59:59 +0130')).toBe(1_709_245_799_000);
  });

  it('adds a negative offset with minutes across a year boundary', () => {
    expect(parseClf('31/Dec/1999:23:00:00 -0530')).toBe(946_701_000_000);
  });

  it('reads a leap day', () => {
    expect(parseClf('29/Feb/2024:12:00:00 +0000')).toBe(1_709_208_000_000);
  });

  it('rejects Feb 29 of a year that is not a leap year, and of 1900', () => {
    expect(parseClf('29/Feb/2023:12:00:00 +0000')).toBeUndefined();
    expect(parseClf('29/Feb/1900:12:00:00 +0000')).toBeUndefined();
    expect(parseClf('29/Feb/2000:00:00:00 +0000')).toBe(951_782_400_000);
  });

  it('rejects unknown months, bad digits, out-of-range fields and wrong shapes', () => {
    for (const text of [
      '10/oct/2000:13:55:36 -0700',
      '1x/Oct/2000:13:55:36 -0700',
      '10/Oct/2000:24:00:00 -0700',
      '10/Oct/2000:13:60:36 -0700',
      '31/Apr/2000:13:55:36 -0700',
      '10/Oct/2000:13:55:36 -0760',
      '10/Oct/2000:13:55:36 0700',
      '10/Oct/2000 13:55:36 -0700',
      '10/Oct/2000:13:55:36',
      'abc',
    ]) {
      expect(parseClf(text), text).toBeUndefined();
    }
  });
});

describe('parseIso8601', () => {
  it('reads Z, colon and compact offsets and an hour-only offset', () => {
    expect(parseIso8601('2024-02-29T12:00:00Z')).toBe(1_709_208_000_000);
    expect(parseIso8601('2024-02-29T13:30:00+01:30')).toBe(1_709_208_000_000);
    expect(parseIso8601('2024-02-29T06:30:00-0530')).toBe(1_709_208_000_000);
    expect(parseIso8601('2024-02-29T14:00:00+02')).toBe(1_709_208_000_000);
  });

  it('reads milliseconds and truncates finer fractions', () => {
    expect(parseIso8601('2024-02-29T12:00:00.5Z')).toBe(1_709_208_000_500);
    expect(parseIso8601('2024-02-29T12:00:00.123456Z')).toBe(1_709_208_000_123);
  });

  it('reads a time without zone, a space separator and a bare date as UTC', () => {
    expect(parseIso8601('2024-02-29 12:00:00')).toBe(1_709_208_000_000);
    expect(parseIso8601('2024-02-29T12:00')).toBe(1_709_208_000_000);
    expect(parseIso8601('2024-02-29')).toBe(1_709_164_800_000);
  });

  it('rejects impossible dates and other shapes', () => {
    for (const text of ['2023-02-29', '2024-13-01', '2024-02-29T12:00:00+25:00', '29/02/2024']) {
      expect(parseIso8601(text), text).toBeUndefined();
    }
  });
});

describe('parseTime', () => {
  it('reads fractional epoch seconds from text and from numbers', () => {
    expect(parseTime('1709208000.25', 'epoch-s')).toBe(1_709_208_000_250);
    expect(parseTime(1_709_208_000.123, 'epoch-s')).toBe(1_709_208_000_123);
  });

  it('reads epoch milliseconds from text and from numbers', () => {
    expect(parseTime('1709208000250', 'epoch-ms')).toBe(1_709_208_000_250);
    expect(parseTime(1_709_208_000_250, 'epoch-ms')).toBe(1_709_208_000_250);
  });

  it('rejects numbers for text formats and text that is not a decimal for epoch formats', () => {
    expect(parseTime(1_709_208_000, 'clf')).toBeUndefined();
    expect(parseTime(1_709_208_000, 'iso8601')).toBeUndefined();
    expect(parseTime('1e9', 'epoch-s')).toBeUndefined();
    expect(parseTime('', 'epoch-ms')).toBeUndefined();
    expect(parseTime(Number.NaN, 'epoch-ms')).toBeUndefined();
  });
});
