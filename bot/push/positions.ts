// Which of a plan's documents a delivery carries, stored compactly: a base64 bitset ("b:…") — a
// subscriber may get hundreds of a large change set's documents. Plain JSON arrays are read too.
export function encodePositions(positions: number[]): string {
  const max = positions.reduce((m, p) => Math.max(m, p), -1);
  const bytes = new Uint8Array((max >> 3) + 1);
  for (const p of positions) bytes[p >> 3] |= 1 << (p & 7);
  return `b:${Buffer.from(bytes).toString("base64")}`;
}

export function decodePositions(s: string): number[] {
  if (!s.startsWith("b:")) return JSON.parse(s) as number[];
  const bytes = Buffer.from(s.slice(2), "base64");
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) for (let b = 0; b < 8; b++) if (bytes[i] & (1 << b)) out.push(i * 8 + b);
  return out;
}
