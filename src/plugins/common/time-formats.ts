/** The ways an input may write its event time. */
export const TIME_FORMATS = ['iso8601', 'epoch-s', 'epoch-ms', 'clf'] as const;
export type TimeFormat = (typeof TIME_FORMATS)[number];

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_INDEX = new Map(MONTHS.map((name, index) => [name, index + 1]));
const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const ISO8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Reads a time value in the given format and returns epoch milliseconds, or undefined when the
 * value is not written in that format. Numbers are accepted for the epoch formats only.
 */
export function parseTime(value: string | number, format: TimeFormat): number | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    if (format === 'epoch-s') return Math.round(value * 1000);
    if (format === 'epoch-ms') return Math.round(value);
    return undefined;
  }
  switch (format) {
    case 'iso8601':
      return parseIso8601(value);
    case 'clf':
      return parseClf(value);
    case 'epoch-s':
      return DECIMAL.test(value) ? Math.round(Number(value) * 1000) : undefined;
    case 'epoch-ms':
      return DECIMAL.test(value) ? Math.round(Number(value)) : undefined;
  }
}

/**
 * Reads an ISO 8601 date-time (`2024-02-29T12:00:00.250+01:00`; a space may replace the `T`)
 * into epoch ms. A time without a zone is read as UTC, so the result never depends on the
 * machine's zone. Fractions finer than a millisecond are truncated.
 */
export function parseIso8601(text: string): number | undefined {
  const match = ISO8601.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction, zone] = match;
  const offsetMinutes = zone === undefined ? 0 : parseZoneOffset(zone);
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  if (offsetMinutes === undefined) return undefined;
  return composeUtc(
    Number(year),
    Number(month),
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    ms,
    offsetMinutes,
  );
}

/**
 * Reads the common log format time of nginx and Apache, `10/Oct/2000:13:55:36 -0700`
 * (optionally in its square brackets), into epoch ms. Fixed positions, no regex: this runs
 * once per log line.
 */
export function parseClf(text: string): number | undefined {
  const s = text.length === 28 && text[0] === '[' && text[27] === ']' ? text.slice(1, 27) : text;
  if (s.length !== 26) return undefined;
  if (s[2] !== '/' || s[6] !== '/' || s[11] !== ':' || s[14] !== ':' || s[17] !== ':') {
    return undefined;
  }
  if (s[20] !== ' ' || (s[21] !== '+' && s[21] !== '-')) return undefined;
  const month = MONTH_INDEX.get(s.slice(3, 6));
  const day = digits(s, 0, 2);
  const year = digits(s, 7, 4);
  const hour = digits(s, 12, 2);
  const minute = digits(s, 15, 2);
  const second = digits(s, 18, 2);
  const zoneHours = digits(s, 22, 2);
  const zoneMinutes = digits(s, 24, 2);
  if (month === undefined || zoneHours < 0 || zoneMinutes < 0 || zoneHours > 23) return undefined;
  if (zoneMinutes > 59) return undefined;
  const offsetMinutes = (s[21] === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
  return composeUtc(year, month, day, hour, minute, second, 0, offsetMinutes);
}

/** `+01:00`, `-0530`, `+02` or `Z` as minutes east of UTC. */
function parseZoneOffset(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = zone.length > 3 ? Number(zone.slice(-2)) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** Validates the fields of a local time and returns its epoch ms, or undefined if invalid. */
function composeUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  offsetMinutes: number,
): number | undefined {
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return undefined;
  }
  const clock = ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  return daysFromCivil(year, month, day) * MS_PER_DAY + clock - offsetMinutes * MS_PER_MINUTE;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100);
  return era * 146_097 + dayOfEra + dayOfYear - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The decimal number in `text[start, start + length)`, or -1 if any character is not a digit. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}
