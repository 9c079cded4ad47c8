import { actorName, type Ctx } from '../../context.js';
import type { UserTokenPurpose } from '../../db/schema.js';
import { DAY, HOUR } from '../../platform/clock.js';
import { accountOrigin } from '../../platform/http/urls.js';
import { type MessageKey, resolveLocale, translate } from '../../platform/i18n.js';
import { writeOutbox } from '../../platform/outbox/outbox.js';
import { escapeHtml, htmlFromPlain } from '../../platform/rich-text.js';
import { loadMailLayout, wrapInLayout } from '../email/mail-template.js';
import { hashToken, newToken } from '../../platform/secrets.js';

const lifetime: Record<UserTokenPurpose, number> = { password_reset: HOUR, invitation: 7 * DAY };

export const userTokenHash = (ctx: Ctx, token: string): string => hashToken(ctx.config.secretKey, 'user-token', token);

async function issueUserToken(ctx: Ctx, userId: number, purpose: UserTokenPurpose): Promise<string> {
  const token = newToken();
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('user_tokens')
    .values({
      account_id: ctx.account.id,
      user_id: userId,
      purpose,
      token_hash: userTokenHash(ctx, token),
      expires_at: now + lifetime[purpose],
      used_at: null,
      created_at: now,
    })
    .execute();
  return token;
}

type Recipient = { id: number; name: string; email: string | null; locale: string | null; role: string };

/**
 * Mails a set-password link: an invitation for a new agent (or a welcome for a new
 * customer), or a password reset. Written to the outbox in the caller's transaction.
 */
export async function mailPasswordLink(ctx: Ctx, user: Recipient, kind: 'invitation' | 'welcome' | 'password_reset'): Promise<void> {
  if (!user.email) {
    return;
  }
  const purpose: UserTokenPurpose = kind === 'password_reset' ? 'password_reset' : 'invitation';
  const token = await issueUserToken(ctx, user.id, purpose);
  const path = kind === 'password_reset' ? 'password/reset' : 'password/set';
  const link = `${accountOrigin(ctx)}/${path}?token=${encodeURIComponent(token)}`;
  const locale = resolveLocale(user.locale, ctx.account.locale);
  const vars = { name: user.name, account: ctx.account.name, inviter: actorName(ctx), link };
  const subjectKey = `mail.${kind}.subject` as MessageKey;
  const bodyKey = `mail.${kind}.body` as MessageKey;
  const body = translate(locale, bodyKey, vars);
  const shownLink = escapeHtml(link);
  // In the helpdesk's layout like every other mail, with the link clickable in the HTML part.
  const { html, text } = wrapInLayout(ctx, await loadMailLayout(ctx), { html: htmlFromPlain(body).split(shownLink).join(`<a href="${shownLink}">${shownLink}</a>`), text: body });
  await writeOutbox(ctx, {
    topic: 'mail.send',
    sensitive: true,
    payload: {
      to: user.email,
      subject: translate(locale, subjectKey, vars),
      text,
      html,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Kefu-Mail': kind },
    },
  });
}
