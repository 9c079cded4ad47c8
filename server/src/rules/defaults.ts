import type { Ctx } from '../context.js';
import type { Locale } from '../platform/i18n.js';
import { weekdayHours } from './business-time.js';
import type { Action, Conditions } from './definitions.js';
import { insertRule } from './rule-store.js';

type DefaultRule = { title: Record<Locale, string>; conditions: Conditions; actions: (locale: Locale) => Action[] };

const mail = (recipient: string, subject: Record<Locale, string>, body: Record<Locale, string>) => (l: Locale): Action[] => [{ field: recipient.startsWith('group') ? 'notification_group' : 'notification_user', value: [recipient, subject[l], body[l]] }];

/** The triggers every new helpdesk starts with, as Zendesk's standard ones. */
const defaultTriggers: DefaultRule[] = [
  {
    title: { 'zh-CN': '通知请求者：已收到请求', en: 'Notify requester of received request' },
    conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Create' }, { field: 'status', operator: 'is_not', value: 'solved' }, { field: 'role', operator: 'is', value: 'end_user' }], any: [] },
    actions: mail(
      'requester_id',
      { 'zh-CN': '我们已收到您的请求：{{ticket.title}}', en: 'We received your request: {{ticket.title}}' },
      { 'zh-CN': '您好 {{ticket.requester.first_name}}，\n\n我们已收到您的请求（#{{ticket.id}}），客服人员会尽快回复。\n\n{{ticket.latest_public_comment}}', en: 'Hello {{ticket.requester.first_name}},\n\nWe received your request (#{{ticket.id}}). An agent will reply soon.\n\n{{ticket.latest_public_comment}}' },
    ),
  },
  {
    title: { 'zh-CN': '通知请求者和抄送人：客服公开回复', en: 'Notify requester and CCs of public comment update' },
    conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Change' }, { field: 'comment_is_public', operator: 'is', value: 'true' }, { field: 'role', operator: 'is', value: 'agent' }], any: [] },
    actions: mail(
      'requester_and_ccs',
      { 'zh-CN': '[#{{ticket.id}}] {{ticket.title}}', en: '[#{{ticket.id}}] {{ticket.title}}' },
      { 'zh-CN': '{{ticket.latest_public_comment}}\n\n—— {{current_user.name}}', en: '{{ticket.latest_public_comment}}\n\n— {{current_user.name}}' },
    ),
  },
  {
    title: { 'zh-CN': '通知受理人：工单已分配给您', en: 'Notify assignee of assignment' },
    conditions: { all: [{ field: 'assignee_id', operator: 'changed', value: '' }, { field: 'assignee_id', operator: 'is_not', value: 'current_user' }, { field: 'assignee_id', operator: 'is_not', value: '' }], any: [] },
    actions: mail(
      'assignee_id',
      { 'zh-CN': '工单 #{{ticket.id}} 已分配给您：{{ticket.title}}', en: 'Ticket #{{ticket.id}} is assigned to you: {{ticket.title}}' },
      { 'zh-CN': '{{ticket.url}}\n\n{{ticket.latest_comment}}', en: '{{ticket.url}}\n\n{{ticket.latest_comment}}' },
    ),
  },
  {
    title: { 'zh-CN': '通知受理人：请求者回复', en: 'Notify assignee of requester update' },
    conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Change' }, { field: 'role', operator: 'is', value: 'end_user' }, { field: 'assignee_id', operator: 'is_not', value: '' }, { field: 'comment_is_public', operator: 'is', value: 'true' }], any: [] },
    actions: mail(
      'assignee_id',
      { 'zh-CN': '[#{{ticket.id}}] 请求者回复：{{ticket.title}}', en: '[#{{ticket.id}}] Requester replied: {{ticket.title}}' },
      { 'zh-CN': '{{ticket.url}}\n\n{{ticket.latest_public_comment}}', en: '{{ticket.url}}\n\n{{ticket.latest_public_comment}}' },
    ),
  },
  {
    title: { 'zh-CN': '通知客服组：新工单', en: 'Notify group of new ticket' },
    conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Create' }, { field: 'assignee_id', operator: 'is', value: '' }, { field: 'group_id', operator: 'is_not', value: '' }], any: [] },
    actions: mail(
      'group_id',
      { 'zh-CN': '[{{ticket.group.name}}] 新工单 #{{ticket.id}}：{{ticket.title}}', en: '[{{ticket.group.name}}] New ticket #{{ticket.id}}: {{ticket.title}}' },
      { 'zh-CN': '{{ticket.url}}\n\n{{ticket.latest_comment}}', en: '{{ticket.url}}\n\n{{ticket.latest_comment}}' },
    ),
  },
];

/** Close solved tickets after four days (change the hours to change N), and remind the requester of a pending ticket. */
const defaultAutomations: DefaultRule[] = [
  {
    title: { 'zh-CN': '已解决 4 天后自动关闭工单', en: 'Close ticket 4 days after status is set to solved' },
    conditions: { all: [{ field: 'SOLVED', operator: 'greater_than', value: '96' }], any: [] },
    actions: () => [{ field: 'status', value: 'closed' }],
  },
  {
    title: { 'zh-CN': '待回应 24 小时后提醒请求者', en: 'Remind the requester of a pending ticket after 24 hours' },
    conditions: { all: [{ field: 'PENDING', operator: 'greater_than', value: '24' }, { field: 'current_tags', operator: 'not_includes', value: 'pending_reminded' }], any: [] },
    actions: (l) => [
      { field: 'current_tags', value: 'pending_reminded' },
      ...mail(
        'requester_id',
        { 'zh-CN': '[#{{ticket.id}}] 我们在等待您的回复', en: '[#{{ticket.id}}] We are waiting for your reply' },
        { 'zh-CN': '您好 {{ticket.requester.first_name}}，关于“{{ticket.title}}”，我们还在等待您的回复。', en: 'Hello {{ticket.requester.first_name}}, we are still waiting for your reply about "{{ticket.title}}".' },
      )(l),
    ],
  },
];

export async function createDefaultRules(ctx: Ctx, locale: Locale): Promise<void> {
  for (const t of defaultTriggers) {
    await insertRule(ctx, 'triggers', { title: t.title[locale], actions: [] }, { conditions: t.conditions, actions: t.actions(locale) });
  }
  for (const a of defaultAutomations) {
    await insertRule(ctx, 'automations', { title: a.title[locale], actions: [] }, { conditions: a.conditions, actions: a.actions(locale) });
  }
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('schedules')
    .values({ account_id: ctx.account.id, name: locale === 'zh-CN' ? '工作时间' : 'Business hours', time_zone: ctx.account.timeZone, intervals: JSON.stringify(weekdayHours()), official_calendar: 'CN', position: 0, created_at: now, updated_at: now })
    .execute();
}
