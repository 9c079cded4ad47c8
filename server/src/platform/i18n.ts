import type { Ctx } from '../context.js';

/** Server-side strings (emails), zh-CN first. The web app has its own catalogue. */
const catalogue = {
  'zh-CN': {
    'mail.invitation.subject': '{{account}} 邀请您加入客服团队',
    'mail.invitation.body':
      '{{name}}，您好：\n\n{{inviter}} 邀请您加入 {{account}} 的客服团队。请打开下面的链接设置密码（7 天内有效）：\n\n{{link}}\n\n如果您不认识邀请人，请忽略此邮件。',
    'mail.password_reset.subject': '重置您在 {{account}} 的密码',
    'mail.password_reset.body':
      '{{name}}，您好：\n\n我们收到了重置您密码的请求。请在 1 小时内打开下面的链接设置新密码：\n\n{{link}}\n\n如果这不是您本人的操作，请忽略此邮件，您的密码不会改变。',
    'mail.welcome.subject': '欢迎使用 {{account}} 帮助中心',
    'mail.welcome.body': '{{name}}，您好：\n\n请打开下面的链接设置密码并登录帮助中心（7 天内有效）：\n\n{{link}}',
    'mail.mention.subject': '{{actor}} 在工单 #{{id}} 中提到了您：{{subject}}',
    'mail.mention.body': '{{actor}} 在工单 #{{id}}「{{subject}}」中提到了您：\n\n{{excerpt}}\n\n查看工单：{{link}}\n直接回复此邮件即可添加回复。',
    'mail.bounce.note': '邮件未能送达 {{address}}（{{status}}）：{{diagnostic}}\n7 天内不再向该地址发送邮件，除非对方来信或客服解除。',
  },
  en: {
    'mail.invitation.subject': '{{account}} invited you to join its support team',
    'mail.invitation.body':
      'Hello {{name}},\n\n{{inviter}} invited you to join the support team of {{account}}. Open this link to choose your password (valid for 7 days):\n\n{{link}}\n\nIf you do not know the sender, ignore this message.',
    'mail.password_reset.subject': 'Reset your password for {{account}}',
    'mail.password_reset.body':
      'Hello {{name}},\n\nWe received a request to reset your password. Open this link within an hour to choose a new one:\n\n{{link}}\n\nIf you did not ask for this, ignore this message; your password stays as it is.',
    'mail.welcome.subject': 'Welcome to the {{account}} help center',
    'mail.welcome.body': 'Hello {{name}},\n\nOpen this link to choose your password and sign in to the help center (valid for 7 days):\n\n{{link}}',
    'mail.mention.subject': '{{actor}} mentioned you on ticket #{{id}}: {{subject}}',
    'mail.mention.body': '{{actor}} mentioned you on ticket #{{id}} "{{subject}}":\n\n{{excerpt}}\n\nOpen the ticket: {{link}}\nReply to this message to add a comment.',
    'mail.bounce.note': 'Mail could not be delivered to {{address}} ({{status}}): {{diagnostic}}\nKefu will not mail this address for 7 days unless they write in or an agent lifts it.',
  },
} as const;

export type Locale = keyof typeof catalogue;
export type MessageKey = keyof (typeof catalogue)['zh-CN'];
export const locales = Object.keys(catalogue) as Locale[];

export function resolveLocale(...candidates: (string | null | undefined)[]): Locale {
  for (const c of candidates) {
    if (c && c in catalogue) {
      return c as Locale;
    }
    if (c?.toLowerCase().startsWith('en')) {
      return 'en';
    }
    if (c?.toLowerCase().startsWith('zh')) {
      return 'zh-CN';
    }
  }
  return 'zh-CN';
}

export function translate(locale: Locale, key: MessageKey, vars: Record<string, string> = {}): string {
  const template: string = catalogue[locale][key];
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => vars[name] ?? '');
}

/** The best language an Accept-Language header asks for that Kefu speaks, by its q-values; null when none. */
export function negotiateLocale(header: string | undefined): Locale | null {
  if (!header) {
    return null;
  }
  const asked = header
    .split(',')
    .map((part, order) => {
      const [tag = '', ...options] = part.trim().split(';');
      const q = Number(/^\s*q=([\d.]+)\s*$/.exec(options.join(';'))?.[1] ?? '1');
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, order };
    })
    .filter((a) => a.q > 0 && (a.tag.startsWith('zh') || a.tag.startsWith('en')))
    .sort((a, b) => b.q - a.q || a.order - b.order);
  const best = asked[0];
  return best ? resolveLocale(best.tag) : null;
}

/**
 * The language to answer a caller in: what the request asks for (an API client's
 * Accept-Language, or the web app's current language), else the signed-in user's
 * language, else the helpdesk's.
 */
export function readerLocale(acceptLanguage: string | undefined, userLocale: string | null | undefined, accountLocale: string | null | undefined): Locale {
  return negotiateLocale(acceptLanguage) ?? resolveLocale(userLocale, accountLocale);
}

/** The language of whoever acts, where no request names one (a job's results): theirs, else the helpdesk's. */
export function actorLocale(ctx: Pick<Ctx, 'actor' | 'account'>): Locale {
  return resolveLocale(ctx.actor.kind === 'user' ? ctx.actor.user.locale : null, ctx.account.locale);
}
