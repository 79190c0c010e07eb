// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set, the last one a
// check character over the first 17 with weights 3^i mod 31.
const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  return CHARSET[(31 - (sum % 31)) % 31];
}

export function isValidCreditCode(code: string): boolean {
  const c = code.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(c)) return false;
  return creditCodeCheckChar(c.slice(0, 17)) === c[17];
}

/** An 18-character token that looks like a credit code (valid or not). */
export function findCreditCodeCandidate(text: string): string | null {
  const m = /(?<![0-9A-Za-z])([0-9A-Za-z]{18})(?![0-9A-Za-z])/.exec(text);
  return m ? m[1].toUpperCase() : null;
}
