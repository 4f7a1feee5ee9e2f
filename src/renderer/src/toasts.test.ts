import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api.ts';
import { causeOf, toastText } from './toasts.ts';

describe('causeOf', () => {
  it('takes the message of an error that crossed the API', () => {
    const error = new ApiError({ name: 'ApiError', code: 'not-found', message: 'no source `x`' });
    expect(causeOf(error)).toBe('no source `x`');
  });

  it('takes the message of a plain error, or its name when it has none', () => {
    expect(causeOf(new Error('boom'))).toBe('boom');
    expect(causeOf(new TypeError())).toBe('TypeError');
  });

  it('takes the message of plain error data, as the Electron preload delivers it', () => {
    expect(causeOf({ name: 'ApiError', code: 'failed', message: 'plugin crashed' })).toBe(
      'plugin crashed',
    );
    expect(causeOf({ name: 'ApiError', message: '' })).toBe('ApiError');
  });

  it('writes anything else as text', () => {
    expect(causeOf('gone')).toBe('gone');
    expect(causeOf(undefined)).toBe('undefined');
  });
});

describe('toastText', () => {
  it('reads as the action on its subject, then the cause', () => {
    const toast = { id: 1, action: 'Could not stop source', subject: 'web', cause: 'timed out' };
    expect(toastText(toast)).toBe('Could not stop source `web`: timed out');
  });
});
