// Declared unpacked size of a zip file (a .docx), read from its central directory without
// inflating anything: a small file that unpacks to gigabytes (a "zip bomb") is refused before
// mammoth opens it.

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** Sum of the entries' uncompressed sizes, or null when the central directory cannot be read. */
export function zipUnpackedBytes(buf: Buffer): number | null {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return null;
    const size = buf.readUInt32LE(p + 24);
    total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER / 2 : size; // zip64: treat as huge
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return total;
}
