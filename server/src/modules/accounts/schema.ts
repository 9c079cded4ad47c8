import { z } from 'zod';
import { password } from '../users/schema.js';
import { email, locale, name, subdomain, timeZone } from '../shared/fields.js';

const newAccount = z.strictObject({
  name,
  subdomain,
  locale: locale.optional(),
  time_zone: timeZone.optional(),
});

const owner = z.strictObject({ name, email, password });

/** First-run setup and self-service sign-up take the same shape. */
export const newHelpdeskBody = z.strictObject({ account: newAccount, owner });
export type NewHelpdeskInput = z.infer<typeof newHelpdeskBody>;

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1677ff');
const httpUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .max(2000);

export const settingsUpdateBody = z.strictObject({
  settings: z
    .strictObject({
      name,
      locale,
      time_zone: timeZone,
      brand_color: color.nullable(),
      logo_url: httpUrl.nullable(),
      favicon_url: httpUrl.nullable(),
      portal_css: z.string().max(50_000).nullable(),
      allow_anonymous_requests: z.boolean(),
      allow_portal_sign_up: z.boolean(),
    })
    .partial(),
});
export type SettingsPatch = z.infer<typeof settingsUpdateBody>['settings'];
