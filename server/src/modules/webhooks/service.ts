import { z } from 'zod';
import type { Ctx } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { apiUrl } from '../../platform/http/urls.js';
import { newToken, openSecret, sealSecret } from '../../platform/secrets.js';
import type { WebhooksTable } from '../../db/schema.js';
import { touchRules } from '../../rules/rules-version.js';
import { msg } from '../../platform/messages.js';

const SECRET_PURPOSE = 'webhook-signing';

const endpoint = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// URL without credentials in it');

const authentication = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('basic_auth'), data: z.strictObject({ username: z.string().max(255), password: z.string().max(255) }), add_position: z.literal('header').default('header') }),
    z.strictObject({ type: z.literal('bearer_token'), data: z.strictObject({ token: z.string().min(1).max(2000) }), add_position: z.literal('header').default('header') }),
  ])
  .nullable();

export const webhookInput = z.object({
  name: z.string().trim().min(1, 'cannot be blank').max(255),
  description: z.string().max(2000).optional(),
  /** webhook: Zendesk-style signed JSON; dingtalk, feishu, wecom: group-chat robots with their own signing. */
  kind: z.enum(['webhook', 'dingtalk', 'feishu', 'wecom']).default('webhook'),
  endpoint,
  http_method: z.enum(['POST', 'PUT', 'PATCH', 'GET', 'DELETE']).default('POST'),
  request_format: z.enum(['json', 'form_encoded', 'xml']).default('json'),
  status: z.enum(['active', 'inactive']).default('active'),
  subscriptions: z.array(z.string().max(100)).max(20).optional(),
  authentication: authentication.optional(),
  custom_headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'header names are letters, digits and dashes'), z.string().max(1000)).optional(),
  /** A robot's signing secret (DingTalk 加签, Feishu 签名校验); generated for plain webhooks. */
  signing_secret: z.string().min(1).max(500).optional(),
});
export type WebhookInput = z.infer<typeof webhookInput>;

export type Webhook = Omit<WebhooksTable, 'account_id' | 'id' | 'signing_secret' | 'authentication' | 'custom_headers' | 'description'> & {
  id: number;
  description: string;
  authentication: z.infer<typeof authentication>;
  customHeaders: Record<string, string>;
};

function toWebhook(r: Omit<WebhooksTable, 'id' | 'description' | 'custom_headers'> & { id: number; description: string; custom_headers: string }): Webhook {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    kind: r.kind,
    endpoint: r.endpoint,
    http_method: r.http_method,
    request_format: r.request_format,
    status: r.status,
    authentication: r.authentication ? (JSON.parse(r.authentication) as Webhook['authentication']) : null,
    customHeaders: JSON.parse(r.custom_headers) as Record<string, string>,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

export async function listWebhooks(ctx: Ctx): Promise<Webhook[]> {
  const rows = await ctx.db.selectFrom('webhooks').selectAll().where('account_id', '=', ctx.account.id).orderBy('id').execute();
  return rows.map(toWebhook);
}

export async function getWebhook(ctx: Ctx, id: number): Promise<Webhook> {
  const row = await ctx.db.selectFrom('webhooks').selectAll().where('account_id', '=', ctx.account.id).where('id', '=', id).executeTakeFirst();
  if (!row) {
    throw notFound();
  }
  return toWebhook(row);
}

export async function webhookSecret(ctx: Pick<Ctx, 'db' | 'config'>, accountId: number, id: number): Promise<string | null> {
  const row = await ctx.db.selectFrom('webhooks').select('signing_secret').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  return row ? openSecret(ctx.config.secretKey, SECRET_PURPOSE, row.signing_secret) : null;
}

function checkRobot(input: WebhookInput): void {
  if ((input.kind === 'feishu' || input.kind === 'dingtalk') && input.signing_secret === undefined) {
    throw invalidField('webhook.signing_secret', msg('webhook.secret_required', { kind: input.kind }), 'Blank');
  }
}

export async function createWebhook(ctx: Ctx, input: WebhookInput): Promise<Webhook> {
  checkRobot(input);
  const now = ctx.clock.now();
  const secret = input.signing_secret ?? newToken(32);
  const row = await ctx.db
    .insertInto('webhooks')
    .values({
      account_id: ctx.account.id,
      name: input.name,
      description: input.description ?? '',
      kind: input.kind,
      endpoint: input.endpoint,
      http_method: input.http_method,
      request_format: input.request_format,
      status: input.status,
      signing_secret: sealSecret(ctx.config.secretKey, SECRET_PURPOSE, secret),
      authentication: input.authentication ? JSON.stringify(input.authentication) : null,
      custom_headers: JSON.stringify(input.custom_headers ?? {}),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await touchRules(ctx);
  return getWebhook(ctx, row.id);
}

export async function updateWebhook(ctx: Ctx, id: number, input: WebhookInput): Promise<Webhook> {
  await getWebhook(ctx, id);
  await ctx.db
    .updateTable('webhooks')
    .set({
      name: input.name,
      ...(input.description !== undefined ? { description: input.description } : {}),
      kind: input.kind,
      endpoint: input.endpoint,
      http_method: input.http_method,
      request_format: input.request_format,
      status: input.status,
      ...(input.signing_secret !== undefined ? { signing_secret: sealSecret(ctx.config.secretKey, SECRET_PURPOSE, input.signing_secret) } : {}),
      ...(input.authentication !== undefined ? { authentication: input.authentication ? JSON.stringify(input.authentication) : null } : {}),
      ...(input.custom_headers !== undefined ? { custom_headers: JSON.stringify(input.custom_headers) } : {}),
      updated_at: ctx.clock.now(),
    })
    .where('account_id', '=', ctx.account.id)
    .where('id', '=', id)
    .execute();
  await touchRules(ctx);
  return getWebhook(ctx, id);
}

export async function deleteWebhook(ctx: Ctx, id: number): Promise<void> {
  await getWebhook(ctx, id);
  await ctx.db.deleteFrom('webhooks').where('account_id', '=', ctx.account.id).where('id', '=', id).execute();
  await touchRules(ctx);
}

export function presentWebhook(ctx: Ctx, w: Webhook) {
  return {
    url: apiUrl(ctx, `webhooks/${w.id}`),
    id: String(w.id),
    name: w.name,
    description: w.description,
    kind: w.kind,
    endpoint: w.endpoint,
    http_method: w.http_method,
    request_format: w.request_format,
    status: w.status,
    subscriptions: ['conditional_ticket_events'],
    // Credentials are write-only, as in Zendesk.
    authentication: w.authentication ? { type: w.authentication.type, add_position: w.authentication.add_position } : null,
    custom_headers: w.customHeaders,
    created_at: isoTime(w.created_at),
    updated_at: isoTime(w.updated_at),
  };
}
