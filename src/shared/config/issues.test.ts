import { describe, expect, it } from 'vitest';
import { closestMatch, listWords } from './issues.ts';

describe('closestMatch', () => {
  it('finds a key that differs only in case', () => {
    expect(closestMatch('TOPK', ['windows', 'topK'])).toBe('topK');
  });

  it('allows one edit for short words and a third of the length for long ones', () => {
    expect(closestMatch('pan', ['pane'])).toBe('pane');
    expect(closestMatch('pa', ['pane'])).toBe(undefined);
    expect(closestMatch('paneCapcty', ['paneCapacity'])).toBe('paneCapacity');
  });

  it('counts two neighbouring letters swapped as one edit', () => {
    expect(closestMatch('gruop', ['regex', 'group'])).toBe('group');
    expect(closestMatch('strat', ['startAt', 'start'])).toBe('start');
  });

  it('prefers the closest candidate and gives nothing when none is close', () => {
    expect(closestMatch('windws', ['window', 'windows'])).toBe('windows');
    expect(closestMatch('zzzz', ['windows', 'pane'])).toBe(undefined);
  });
});

describe('listWords', () => {
  it('joins words the way a sentence does', () => {
    expect(listWords([], 'and')).toBe('');
    expect(listWords(['a'], 'and')).toBe('a');
    expect(listWords(['a', 'b'], 'or')).toBe('a or b');
    expect(listWords(['a', 'b', 'c'], 'and')).toBe('a, b and c');
  });
});
