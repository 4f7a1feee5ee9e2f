/** Control characters: C0 (with tab and newline), DEL and C1. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Text from the input made safe for a terminal: control characters, which could move the
 * cursor, change colours or retitle the window, are shown as `\x1b`-style escapes.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
