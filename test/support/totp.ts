// An independent RFC 6238 TOTP (HMAC-SHA-1/256/512 over the 30-second step, dynamic truncation),
// written from the RFC with node:crypto only, to check the server's codes against.
import { createHmac } from 'node:crypto';

export function base32Decode(s: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of s.replace(/=+$/, '').toUpperCase()) {
    const i = alphabet.indexOf(ch);
    if (i < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The code at Unix time `seconds` for a raw key. */
export function totpAt(
  key: Buffer,
  seconds: number,
  {
    digits = 6,
    algorithm = 'sha1',
    period = 30,
  }: { digits?: number; algorithm?: string; period?: number } = {},
): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(seconds / period)));
  const mac = createHmac(algorithm, key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

/** The 6-digit code for a base32 secret at a time in milliseconds (a test clock's `t`). */
export const codeFor = (secret: string, ms: number) => totpAt(base32Decode(secret), Math.floor(ms / 1000));
