import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

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

function sealingKey(secretKey: string, purpose: string): Buffer {
  return createHash('sha256').update(`seal\0${purpose}\0${secretKey}`).digest();
}

/** Encrypts a secret Kefu must show or use again later (a webhook's signing secret). */
export function sealSecret(secretKey: string, purpose: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(secretKey, purpose), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

export function openSecret(secretKey: string, purpose: string, sealed: string): string {
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(secretKey, purpose), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
