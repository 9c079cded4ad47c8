import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Liquid } from 'liquidjs';
import { z } from 'zod';
import type { Ctx } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { type FieldErrors, fieldError, invalidFields } from '../../platform/errors.js';
import { type Locale, resolveLocale } from '../../platform/i18n.js';
import { fileTagProblem, staffLiquid } from '../../platform/liquid.js';
import { msg } from '../../platform/messages.js';

/**
 * A helpdesk's layout around the mail it sends: HTML and text, Liquid, with {{content}} where
 * each message goes and the account's branding ({{account.name}}, {{account.brand_color}},
 * {{account.logo_url}}). Values are HTML-escaped in the HTML layout; the content is already
 * safe HTML and is put in as it is.
 */
const limits = { ownPropertyOnly: true, strictFilters: true, parseLimit: 100_000, renderLimit: 200, memoryLimit: 4_000_000, cache: 50 };
const htmlEngine = staffLiquid({ ...limits, outputEscape: 'escape' });
const textEngine = staffLiquid(limits);
const CONTENT = /\{\{-?\s*content\s*-?\}\}/g;

const DEFAULTS: Record<Locale, { html: string; text: string }> = {
  'zh-CN': {
    html: `<!doctype html>
<html lang="zh-CN"><body style="margin:0;padding:24px 0;background:#f5f6f8;font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;color:#1f2328">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-top:4px solid {{ account.brand_color }};border-radius:4px">
<tr><td style="padding:20px 28px 0">{% if account.logo_url %}<img src="{{ account.logo_url }}" alt="{{ account.name }}" height="32">{% else %}<strong>{{ account.name }}</strong>{% endif %}</td></tr>
<tr><td style="padding:12px 28px 24px;font-size:14px;line-height:1.7">{{content}}</td></tr>
<tr><td style="padding:12px 28px;border-top:1px solid #eaecef;color:#8c959f;font-size:12px">此邮件由 {{ account.name }} 客服中心发送。直接回复即可继续沟通。</td></tr>
</table></td></tr></table></body></html>`,
    text: `{{content}}\n\n--\n{{ account.name }} 客服中心`,
  },
  en: {
    html: `<!doctype html>
<html lang="en"><body style="margin:0;padding:24px 0;background:#f5f6f8;font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1f2328">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-top:4px solid {{ account.brand_color }};border-radius:4px">
<tr><td style="padding:20px 28px 0">{% if account.logo_url %}<img src="{{ account.logo_url }}" alt="{{ account.name }}" height="32">{% else %}<strong>{{ account.name }}</strong>{% endif %}</td></tr>
<tr><td style="padding:12px 28px 24px;font-size:14px;line-height:1.6">{{content}}</td></tr>
<tr><td style="padding:12px 28px;border-top:1px solid #eaecef;color:#8c959f;font-size:12px">Sent by the {{ account.name }} support team. Reply to this message to continue.</td></tr>
</table></td></tr></table></body></html>`,
    text: `{{content}}\n\n--\n{{ account.name }} support`,
  },
};

export type MailLayout = { html: string; text: string; custom: boolean; updatedAt: number | null };

export async function loadMailLayout(ctx: Ctx): Promise<MailLayout> {
  const row = await ctx.db.selectFrom('mail_templates').selectAll().where('account_id', '=', ctx.account.id).executeTakeFirst();
  if (row) {
    return { html: row.html, text: row.text, custom: true, updatedAt: row.updated_at };
  }
  return { ...DEFAULTS[resolveLocale(ctx.account.locale)], custom: false, updatedAt: null };
}

function layoutData(ctx: Ctx) {
  // No logo is nil, not '': an empty string is truthy in Liquid, so {% if account.logo_url %} drew an empty image.
  return { account: { name: ctx.account.name, brand_color: ctx.account.brandColor ?? '#1f73b7', logo_url: ctx.account.logoUrl } };
}

function render(engine: Liquid, template: string, content: string, data: object): string {
  // The content goes in after rendering, so nothing in it is read as Liquid or escaped twice.
  const marker = `KEFUCONTENT${randomBytes(8).toString('hex')}`;
  try {
    const out = engine.parseAndRenderSync(template.replace(CONTENT, marker), data) as string;
    return out.split(marker).join(content);
  } catch {
    return content; // a layout that fails at send time must not lose the message
  }
}

/** A message's HTML and text wrapped in the helpdesk's layout. */
export function wrapInLayout(ctx: Ctx, layout: MailLayout, body: { html: string; text: string }): { html: string; text: string } {
  const data = layoutData(ctx);
  return { html: render(htmlEngine, layout.html, body.html, data), text: render(textEngine, layout.text, body.text, data) };
}

function problems(input: { html: string; text: string }): FieldErrors {
  const found: FieldErrors = {};
  for (const [key, engine] of [['html', htmlEngine], ['text', textEngine]] as const) {
    const template = input[key];
    if ((template.match(CONTENT) ?? []).length === 0) {
      found[`mail_template.${key}`] = [fieldError(msg('mail.needs_content'))];
      continue;
    }
    const fileTag = fileTagProblem(template);
    if (fileTag) {
      found[`mail_template.${key}`] = [fieldError(fileTag)];
      continue;
    }
    try {
      engine.parse(template.replace(CONTENT, ''));
    } catch (error) {
      found[`mail_template.${key}`] = [fieldError(msg('mail.bad_liquid', { detail: error instanceof Error ? (error.message.split('\n')[0] ?? '') : '' }))];
    }
  }
  return found;
}

/** The message a preview shows inside the layout, in the helpdesk's language. */
const SAMPLE: Record<Locale, { html: string; text: string }> = {
  'zh-CN': {
    html: '<p>您好，王女士：</p><p>您的工单 <strong>#1024 发票没有收到</strong> 已有新回复。我们已重新开具发票，请查收附件。</p><p>如有其他问题，直接回复此邮件即可。</p>',
    text: '您好，王女士：\n\n您的工单 #1024 发票没有收到 已有新回复。我们已重新开具发票，请查收附件。\n\n如有其他问题，直接回复此邮件即可。',
  },
  en: {
    html: '<p>Hello Ms Wang,</p><p>There is a new reply on your request <strong>#1024 Invoice not received</strong>. We have issued the invoice again; it is attached.</p><p>Reply to this message if anything else comes up.</p>',
    text: 'Hello Ms Wang,\n\nThere is a new reply on your request #1024 Invoice not received. We have issued the invoice again; it is attached.\n\nReply to this message if anything else comes up.',
  },
};

const layoutBody = z.object({ mail_template: z.strictObject({ html: z.string().min(1).max(200_000), text: z.string().min(1).max(50_000) }) });

const present = (l: MailLayout) => ({ html: l.html, text: l.text, default: !l.custom, updated_at: l.updatedAt === null ? null : isoTime(l.updatedAt) });

export const mailTemplateRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['Email'];
  const access = 'manage_settings';
  app.get('/api/v2/mail_template', { config: { access }, schema: { tags } }, async (req) => ({ mail_template: present(await loadMailLayout(req.ctx)) }));
  // Renders a layout not yet saved around a sample message, as the mail would look; same checks as saving.
  app.post('/api/v2/mail_template/preview', { config: { access }, schema: { tags, body: layoutBody } }, async (req) => {
    const input = req.body.mail_template;
    const found = problems(input);
    if (Object.keys(found).length > 0) {
      throw invalidFields(found);
    }
    const sample = SAMPLE[resolveLocale(req.ctx.account.locale)];
    return { preview: wrapInLayout(req.ctx, { html: input.html, text: input.text, custom: true, updatedAt: null }, sample) };
  });
  app.put('/api/v2/mail_template', { config: { access }, schema: { tags, body: layoutBody } }, async (req) => {
    const input = req.body.mail_template;
    const found = problems(input);
    if (Object.keys(found).length > 0) {
      throw invalidFields(found);
    }
    const now = req.ctx.clock.now();
    await req.ctx.db
      .insertInto('mail_templates')
      .values({ account_id: req.ctx.account.id, html: input.html, text: input.text, updated_at: now })
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ html: input.html, text: input.text, updated_at: now }))
      .execute();
    return { mail_template: present(await loadMailLayout(req.ctx)) };
  });
  // Back to the built-in layout in the helpdesk's language.
  app.delete('/api/v2/mail_template', { config: { access }, schema: { tags } }, async (req, reply) => {
    await req.ctx.db.deleteFrom('mail_templates').where('account_id', '=', req.ctx.account.id).execute();
    return reply.status(204).send();
  });
};
