import { z } from 'zod';

/** Field shapes shared by several modules' schemas. */
export const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const idParams = z.object({ id: idParam });

export const email = z
  .email({ message: 'is not a valid email address' })
  .max(254)
  .transform((v) => v.trim().toLowerCase());

export const name = z.string().trim().min(1, 'cannot be blank').max(255);
export const longText = z.string().max(65_535);
export const externalId = z.string().trim().min(1).max(255).nullable();
export const locale = z.enum(['zh-CN', 'en'], { message: 'must be zh-CN or en' });
export const timeZone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'is not an IANA time zone such as Asia/Shanghai');

/** Tags: trimmed, lower-cased, inner spaces to underscores, unique, as Zendesk stores them. */
export const tags = z
  .array(z.string().trim().min(1).max(80))
  .max(100)
  .transform((list) => [...new Set(list.map((t) => t.toLowerCase().replace(/\s+/g, '_')))]);

export const subdomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'must be 1–63 lowercase letters, digits or hyphens, not starting or ending with a hyphen')
  .refine((s) => !reservedSubdomains.has(s), 'is reserved');

const reservedSubdomains = new Set(['www', 'api', 'admin', 'app', 'mail', 'smtp', 'imap', 'static', 'assets', 'help', 'status']);

/** A comma-separated list of ids in a query string, as Zendesk's show_many takes them. */
export const idList = (max: number) =>
  z
    .string()
    .max(max * 20)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.string().regex(/^\d{1,15}$/, 'must be a list of ids').transform(Number)).max(max));

/** A mail or web server's host name (or IPv4 address) as an admin types it. */
export const hostName = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$|^\d{1,3}(?:\.\d{1,3}){3}$/, 'must be a host name such as smtp.exmail.qq.com');
