import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

/** How many leading bytes identify a file's content, bytes. */
export const HEAD_BYTES = 256;

/**
 * The first bytes of a file as already read, hashed. If the same inode later starts with
 * different bytes, it was truncated and rewritten, even when it has grown past the old offset.
 */
export interface HeadFingerprint {
  /** How many leading bytes the hash covers, bytes (at most HEAD_BYTES). */
  length: number;
  /** Hex digest of those bytes. */
  hash: string;
}

/** The fingerprint of the first `length` bytes, or undefined if the file is now shorter. */
export async function readFingerprint(
  handle: FileHandle,
  length: number,
): Promise<HeadFingerprint | undefined> {
  const bytes = Buffer.alloc(length);
  const { bytesRead } = await handle.read(bytes, 0, length, 0);
  if (bytesRead < length) return undefined;
  return { length, hash: hashBytes(bytes) };
}

/** True when the file still starts with the bytes the fingerprint was taken from. */
export async function headUnchanged(
  handle: FileHandle,
  fingerprint: HeadFingerprint,
): Promise<boolean> {
  if (fingerprint.length === 0) return true;
  const now = await readFingerprint(handle, fingerprint.length);
  return now !== undefined && now.hash === fingerprint.hash;
}

function hashBytes(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex').slice(0, 16);
}
