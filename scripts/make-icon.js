#!/usr/bin/env node
// Draws the app icon, resources/icon.png (512 x 512, RGBA): rising bars under a lens on a dark
// rounded square. electron-builder derives the Windows and macOS icons from it. Run again after
// changing the drawing; the output is deterministic.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4; // per axis, for smooth edges

const background = ([, y]) => mix([30, 41, 59], [15, 23, 42], y / SIZE);
const layers = [
  { inside: roundedSquare(16, 16, 496, 496, 104), color: background },
  { inside: box(104, 286, 164, 408), color: () => [45, 212, 191] },
  { inside: box(190, 226, 250, 408), color: () => [45, 212, 191] },
  { inside: box(276, 150, 336, 408), color: () => [45, 212, 191] },
  { inside: ring(330, 190, 92, 26), color: () => [251, 191, 36] },
  { inside: segment(392, 252, 446, 306, 17), color: () => [251, 191, 36] },
];

function mix(a, b, t) {
  return a.map((value, i) => Math.round(value + (b[i] - value) * t));
}

function box(x0, y0, x1, y1) {
  return ([x, y]) => x >= x0 && x < x1 && y >= y0 && y < y1;
}

function roundedSquare(x0, y0, x1, y1, r) {
  return ([x, y]) => {
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return x >= x0 && x < x1 && y >= y0 && y < y1 && dx * dx + dy * dy <= r * r;
  };
}

function ring(cx, cy, radius, width) {
  return ([x, y]) => Math.abs(Math.hypot(x - cx, y - cy) - radius) <= width / 2;
}

function segment(x0, y0, x1, y1, halfWidth) {
  const length2 = (x1 - x0) ** 2 + (y1 - y0) ** 2;
  return ([x, y]) => {
    const t = Math.max(0, Math.min(1, ((x - x0) * (x1 - x0) + (y - y0) * (y1 - y0)) / length2));
    return Math.hypot(x - (x0 + t * (x1 - x0)), y - (y0 + t * (y1 - y0))) <= halfWidth;
  };
}

/** One pixel: the average of its samples, each the topmost layer covering it. */
function pixel(px, py) {
  const sum = [0, 0, 0, 0];
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const point = [px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES];
      const layer = layers.findLast((l) => l.inside(point));
      if (!layer) continue;
      const [r, g, b] = layer.color(point);
      sum[0] += r;
      sum[1] += g;
      sum[2] += b;
      sum[3] += 1;
    }
  }
  const covered = sum[3];
  if (covered === 0) return [0, 0, 0, 0];
  return [sum[0] / covered, sum[1] / covered, sum[2] / covered, (255 * covered) / SAMPLES ** 2];
}

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
for (let y = 0; y < SIZE; y++) {
  const row = y * (1 + SIZE * 4); // each row starts with filter type 0
  for (let x = 0; x < SIZE; x++) {
    pixel(x, y).forEach((value, i) => (rows[row + 1 + x * 4 + i] = Math.round(value)));
  }
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../resources/icon.png', import.meta.url), png);
console.log(`resources/icon.png: ${SIZE} x ${SIZE}, ${png.length} bytes`);
