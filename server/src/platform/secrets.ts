import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A high-entropy token for sessions, API tokens and emailed links. */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * The keyed hash stored in place of a high-entropy token. HMAC-SHA256 is fast enough
 * to run on every request, and a stolen table is useless without SECRET_KEY.
 */
export function hashToken(secretKey: string, purpose: string, token: string): string {
  return createHmac('sha256', secretKey).update(`${purpose}\0${token}`).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
