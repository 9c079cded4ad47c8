import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Logger } from 'pino';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { WebhookDelivery } from '../../platform/outbox/outbox.js';
import { openSecret } from '../../platform/secrets.js';

const TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

export class WebhookError extends Error {}

/** Zendesk's signature: base64 HMAC-SHA256 over timestamp + body, keyed by the webhook's secret. */
export function zendeskSignature(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(timestamp + body).digest('base64');
}

type Outgoing = { url: string; method: string; headers: Record<string, string>; body: string };

/** The request a webhook kind makes from a rule's rendered body. */
function buildRequest(kind: string, endpoint: string, method: string, secret: string, body: string, now: number): Outgoing {
  switch (kind) {
    case 'dingtalk': {
      // DingTalk 加签: sign = base64(HMAC-SHA256(secret, timestamp + "\n" + secret)) in the URL.
      const timestamp = String(now);
      const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
      const url = new URL(endpoint);
      url.searchParams.set('timestamp', timestamp);
      url.searchParams.set('sign', sign);
      return { url: url.toString(), method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ msgtype: 'text', text: { content: body } }) };
    }
    case 'feishu': {
      // Feishu 签名校验: HMAC-SHA256 keyed by timestamp + "\n" + secret over nothing, in the body.
      const timestamp = String(Math.floor(now / 1000));
      const sign = createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
      return { url: endpoint, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ timestamp, sign, msg_type: 'text', content: { text: body } }) };
    }
    case 'wecom':
      // WeCom group robots carry their key in the URL and sign nothing.
      return { url: endpoint, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ msgtype: 'text', text: { content: body } }) };
    default: {
      const timestamp = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const signature = zendeskSignature(secret, timestamp, body);
      return {
        url: endpoint,
        method,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'x-zendesk-webhook-signature': signature,
          'x-zendesk-webhook-signature-timestamp': timestamp,
          'x-kefu-webhook-signature': signature,
          'x-kefu-webhook-signature-timestamp': timestamp,
        },
        body,
      };
    }
  }
}

/**
 * One HTTP call with the guards a server calling customer-given URLs needs: the address
 * is checked at connect time on the resolved IP (so DNS rebinding to a private address
 * fails), redirects are not followed, and time and response size are capped.
 */
function send(request: Outgoing, allowCidrs: readonly string[]): Promise<{ status: number }> {
  const url = new URL(request.url);
  const filter = { allowIPAddressList: [...allowCidrs], allowPrivateIPAddress: false, allowMetaIPAddress: false, denyIPAddressList: [] };
  const agent = url.protocol === 'https:' ? new RequestFilteringHttpsAgent({ ...filter, keepAlive: false }) : new RequestFilteringHttpAgent({ ...filter, keepAlive: false });
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method: request.method, headers: { ...request.headers, 'user-agent': 'Kefu-Webhook/1', 'content-length': String(Buffer.byteLength(request.body)) }, agent, timeout: TIMEOUT_MS }, (res) => {
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          res.destroy();
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('close', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new WebhookError(`no answer within ${TIMEOUT_MS / 1000}s`)));
    req.on('error', reject);
    req.end(request.body);
  });
}

/**
 * The outbox handler for webhook calls: sends, logs the attempt, and throws on failure
 * so the outbox retries with backoff (and parks it as dead after its last attempt).
 */
export async function deliverWebhook(deps: { db: Db; clock: Clock; log: Logger; config: Config }, accountId: number, delivery: WebhookDelivery): Promise<void> {
  const hook = await deps.db.selectFrom('webhooks').selectAll().where('account_id', '=', accountId).where('id', '=', delivery.webhook_id).executeTakeFirst();
  if (!hook || hook.status !== 'active') {
    deps.log.info({ webhook: delivery.webhook_id }, 'webhook gone or inactive; delivery dropped');
    return;
  }
  const secret = openSecret(deps.config.secretKey, 'webhook-signing', hook.signing_secret);
  const request = buildRequest(hook.kind, hook.endpoint, hook.http_method, secret, delivery.body, deps.clock.now());
  const auth = hook.authentication ? (JSON.parse(hook.authentication) as { type: string; data: Record<string, string> }) : null;
  if (auth?.type === 'bearer_token') {
    request.headers.authorization = `Bearer ${auth.data.token ?? ''}`;
  } else if (auth?.type === 'basic_auth') {
    request.headers.authorization = `Basic ${Buffer.from(`${auth.data.username ?? ''}:${auth.data.password ?? ''}`).toString('base64')}`;
  }
  Object.assign(request.headers, JSON.parse(hook.custom_headers) as Record<string, string>);
  const previous = await deps.db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', accountId).where('webhook_id', '=', hook.id).where('ticket_id', delivery.ticket_id === null ? 'is' : '=', delivery.ticket_id).executeTakeFirst();
  const started = performance.now();
  let status: number | null = null;
  let error: string | null = null;
  try {
    status = (await send(request, deps.config.allowPrivateCidrs)).status;
    if (status < 200 || status >= 300) {
      error = `receiver answered ${status}`;
    }
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  await deps.db
    .insertInto('webhook_deliveries')
    .values({ account_id: accountId, webhook_id: hook.id, ticket_id: delivery.ticket_id, attempt: Number(previous?.n ?? 0) + 1, status_code: status, error, duration_ms: Math.round(performance.now() - started), created_at: deps.clock.now() })
    .execute();
  if (error !== null) {
    throw new WebhookError(`webhook ${hook.id}: ${error}`);
  }
}
