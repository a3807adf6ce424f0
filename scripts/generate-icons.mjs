// Writes the add-in's icons (assets/icon-<size>.png): a filled rounded square with a white register
// mark, drawn pixel by pixel and encoded with Node's zlib, so no image library is needed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function icon(size) {
  const px = Buffer.alloc(size * (size * 4 + 1));
  const r = size * 0.18;
  for (let y = 0; y < size; y++) {
    px[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const dx = Math.max(r - x, x - (size - 1 - r), 0);
      const dy = Math.max(r - y, y - (size - 1 - r), 0);
      const inside = dx * dx + dy * dy <= r * r;
      // Three horizontal bars (a register's rows), the top one amber like a flagged school.
      const u = x / size, v = y / size;
      const bar = u > 0.22 && u < 0.78 && [0.28, 0.47, 0.66].some((t) => v > t && v < t + 0.1);
      const flagged = bar && v < 0.4;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const [R, G, B] = !inside ? [0, 0, 0] : flagged ? [255, 192, 0] : bar ? [255, 255, 255] : [16, 110, 190];
      px[o] = R; px[o + 1] = G; px[o + 2] = B; px[o + 3] = inside ? 255 : 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(px)), chunk('IEND', Buffer.alloc(0))]);
}

const assets = new URL('../assets/', import.meta.url);
for (const size of [16, 32, 64, 80, 128]) writeFileSync(new URL(`icon-${size}.png`, assets), icon(size));
console.log('wrote assets/icon-{16,32,64,80,128}.png');
