import { describe, expect, it } from 'vitest';
import { printable } from './printable.ts';

describe('printable', () => {
  it('shows control characters as escapes and leaves other text alone', () => {
    expect(printable('evil\u001b[31mRED\u001b]0;pwned\u0007')).toBe(
      'evil\\x1b[31mRED\\x1b]0;pwned\\x07',
    );
    expect(printable('two\nlines\ttab\u009b')).toBe('two\\x0alines\\x09tab\\x9b');
    expect(printable('/products/42 ünïcödé 東京')).toBe('/products/42 ünïcödé 東京');
  });
});
