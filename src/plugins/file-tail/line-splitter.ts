const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const BOM = [0xef, 0xbb, 0xbf];

/** One complete line of a file. */
export interface SplitLine {
  /** The line without its newline, CR, or a byte-order mark at the file start. */
  text: string;
  /** Byte offset of the line's first byte. */
  start: number;
  /** Byte offset just after the line's newline: where the next line starts. */
  end: number;
  /** The line's length in bytes when it was longer than the limit and cut; else undefined. */
  cutFrom?: number;
}

/**
 * Splits a file's bytes into lines as chunks arrive. It works in bytes, so a multi-byte
 * character split across two chunks is decoded whole, and offsets are byte offsets. A line
 * longer than `maxLineBytes` is kept only up to the limit (so memory stays bounded) and cut on
 * a character boundary.
 */
export class LineSplitter {
  private readonly keepLimit: number;
  private pieces: Buffer[] = [];
  private keptBytes = 0;
  private lineBytes = 0;
  private lastByte = -1;
  private lineStart: number;

  /**
   * @param maxLineBytes the longest line, in bytes, emitted whole
   * @param offset the byte offset of the first byte that will be pushed
   */
  constructor(
    private readonly maxLineBytes: number,
    offset = 0,
  ) {
    // Room for a byte-order mark and for the first byte past the limit.
    this.keepLimit = maxLineBytes + BOM.length + 1;
    this.lineStart = offset;
  }

  /** The offset where the line in progress starts: everything before it has been returned. */
  get completeOffset(): number {
    return this.lineStart;
  }

  /** Bytes of the line in progress (pushed but not yet ended by a newline). */
  get partialBytes(): number {
    return this.lineBytes;
  }

  /** Continues at `offset`, dropping any line in progress. */
  reset(offset: number): void {
    this.pieces = [];
    this.keptBytes = 0;
    this.lineBytes = 0;
    this.lastByte = -1;
    this.lineStart = offset;
  }

  /** Takes the next bytes and returns the lines they complete. The chunk is not retained. */
  push(chunk: Buffer): SplitLine[] {
    const lines: SplitLine[] = [];
    let from = 0;
    for (let newline = chunk.indexOf(NEWLINE, from); newline >= 0;) {
      lines.push(this.endLine(chunk, from, newline));
      from = newline + 1;
      newline = chunk.indexOf(NEWLINE, from);
    }
    if (from < chunk.length) this.keep(chunk, from, chunk.length);
    return lines;
  }

  /** Ends the line in progress as if a newline followed it (for a file that will not grow). */
  flush(): SplitLine | undefined {
    if (this.lineBytes === 0) return undefined;
    const line = this.decode(Buffer.concat(this.pieces), this.lineBytes, this.lineStart);
    line.end = this.lineStart + this.lineBytes;
    this.reset(line.end);
    return line;
  }

  private endLine(chunk: Buffer, from: number, newline: number): SplitLine {
    let bytes: Buffer;
    if (this.lineBytes === 0) {
      bytes = chunk.subarray(from, newline);
      this.lineBytes = newline - from;
      this.lastByte = newline > from ? chunk[newline - 1] : -1;
    } else {
      this.keep(chunk, from, newline);
      bytes = Buffer.concat(this.pieces);
    }
    const line = this.decode(bytes, this.lineBytes, this.lineStart);
    this.reset(line.end);
    return line;
  }

  /** Decodes a line of `length` bytes of which `bytes` holds at least the first keepLimit. */
  private decode(bytes: Buffer, length: number, start: number): SplitLine {
    const skip = start === 0 && startsWithBom(bytes) ? BOM.length : 0;
    const contentBytes = length - skip - (this.lastByte === CARRIAGE_RETURN ? 1 : 0);
    const end = start + length + 1;
    if (contentBytes <= this.maxLineBytes) {
      return { text: bytes.toString('utf8', skip, skip + contentBytes), start, end };
    }
    const cut = characterBoundary(bytes, skip + this.maxLineBytes, skip);
    return { text: bytes.toString('utf8', skip, cut), start, end, cutFrom: contentBytes };
  }

  private keep(chunk: Buffer, from: number, to: number): void {
    this.lineBytes += to - from;
    if (to > from) this.lastByte = chunk[to - 1];
    const room = this.keepLimit - this.keptBytes;
    if (room <= 0 || to === from) return;
    // Copied, so the caller's read buffer can be reused.
    const piece = Buffer.from(chunk.subarray(from, Math.min(to, from + room)));
    this.pieces.push(piece);
    this.keptBytes += piece.length;
  }
}

function startsWithBom(bytes: Buffer): boolean {
  return bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
}

/** The largest index <= `index` that does not fall inside a UTF-8 character. */
function characterBoundary(bytes: Buffer, index: number, floor: number): number {
  let cut = index;
  while (cut > floor && (bytes[cut] & 0xc0) === 0x80) cut--;
  return cut;
}
