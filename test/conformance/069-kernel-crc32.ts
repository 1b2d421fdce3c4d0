// Device-style checksum: table-driven CRC-32 using >>>, ^ and & on 32-bit values.
import { utf8Encode } from "../../ts-src/lib/text";

const TABLE: Int32Array = makeTable();

function makeTable(): Int32Array {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
}

function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const v of b) c = TABLE[(c ^ v) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(b: Uint8Array): number {
  let a = 1;
  let s = 0;
  for (const v of b) {
    a = (a + v) % 65521;
    s = (s + a) % 65521;
  }
  return ((s << 16) | a) >>> 0;
}

export function main(): void {
  console.log(TABLE[1], TABLE[255]);
  console.log(crc32(utf8Encode("")), crc32(utf8Encode("123456789")), crc32(utf8Encode("The quick brown fox jumps over the lazy dog")));
  console.log(adler32(utf8Encode("Wikipedia")), adler32(utf8Encode("")));
  const big = new Uint8Array(4096);
  for (let i = 0; i < big.length; i++) big[i] = (i * 31 + 7) & 0xff;
  console.log(crc32(big), adler32(big));
}
