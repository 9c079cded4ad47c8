import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KefuError } from '../src/platform/errors.js';
import { parseConditions } from '../src/rules/definitions.js';
import { validateRule } from '../src/rules/rule-store.js';
import { type Client, createHelpdesk, createTestApp, createUser, type Helpdesk, type TestApp } from './support/app.js';

/**
 * The definitions endpoints are what the rule editors offer. They are generated from the
 * validator's table, so every subject they offer must save, and one they leave out must not.
 */
type Choice = { value: string; title?: string };
type Definition = { subject: string; title: string | null; type: string; nullable: boolean; repeatable: boolean; operators: { value: string; terminal: boolean }[]; values: Choice[] };
type RuleDefinitions = { definitions: { conditions_all: Definition[]; conditions_any: Definition[]; actions: Definition[]; custom_fields: { id: number; title: string }[] } };

let t: TestApp;
let desk: Helpdesk;
let other: Helpdesk;
let agent: { id: number; client: Client };
let groupId: number;
let fieldId: number;

beforeAll(async () => {
  t = await createTestApp({ KEFU_ALLOW_PRIVATE_CIDRS: '127.0.0.1/32', KEFU_SIGNUP: 'open' });
  desk = await createHelpdesk(t, 'ruledefs');
  other = await createHelpdesk(t, 'ruledefsother', { firstRun: false });
  groupId = (await desk.owner.post('/api/v2/groups', { group: { name: '财务组' } })).json<{ group: { id: number } }>().group.id;
  await other.owner.post('/api/v2/groups', { group: { name: '别家的组' } });
  agent = await createUser(desk, { name: '周琳', email: 'zhoulin@ruledefs.example.com', role: 'agent', group_ids: [groupId] });
  const field = await desk.owner.post('/api/v2/ticket_fields', { ticket_field: { type: 'tagger', title: '产品线', custom_field_options: [{ name: '手机', value: 'phone' }, { name: '电脑', value: 'computer' }] } });
  fieldId = field.json<{ ticket_field: { id: number } }>().ticket_field.id;
  await desk.owner.post('/api/v2/user_fields', { user_field: { type: 'text', key: 'member_level', title: '会员等级' } });
  expect((await desk.owner.post('/api/v2/webhooks', { webhook: { name: '工单同步', endpoint: 'http://127.0.0.1:9/kefu' } })).statusCode).toBe(201);
});
afterAll(async () => {
  await t.close();
});

/** A value the editor could pick for this definition: its first choice, else one of its type. */
function sampleValue(d: Definition): string {
  const first = d.values.find((v) => v.value !== '') ?? d.values[0];
  if (first) {
    return first.value;
  }
  switch (d.type) {
    case 'hours':
    case 'number':
      return '24';
    case 'date':
      return '2026-12-31';
    case 'tags':
      return 'refund vip';
    default:
      return '退款';
  }
}

function sampleAction(d: Definition): { field: string; value: string | string[] } {
  switch (d.type) {
    case 'notification_user':
    case 'notification_group':
      return { field: d.subject, value: [sampleValue(d), '工单 {{ticket.id}} 已更新', '{{ticket.title}}'] };
    case 'notification_email':
      return { field: d.subject, value: ['finance@ruledefs.example.com', '新的退款申请', '{{ticket.description}}'] };
    case 'notification_webhook':
      return { field: d.subject, value: [sampleValue(d), '{"ticket": "{{ticket.id}}"}'] };
    default:
      return { field: d.subject, value: sampleValue(d) };
  }
}

function refusal(run: () => unknown): ReturnType<KefuError["toBody"]> | null {
  try {
    run();
    return null;
  } catch (e) {
    if (e instanceof KefuError) {
      return e.toBody();
    }
    throw e;
  }
}

describe('rule definitions', () => {
  for (const [table, kind] of [['triggers', 'trigger'], ['automations', 'automation']] as const) {
    it(`${table}: every condition and action offered saves; one not offered is refused`, async () => {
      const res = await desk.owner.get(`/api/v2/${table}/definitions`);
      expect(res.statusCode, res.body).toBe(200);
      const { definitions } = res.json<RuleDefinitions>();
      expect(definitions.conditions_all.length).toBeGreaterThan(5);
      const action = definitions.actions.find((a) => a.subject === 'priority');
      expect(action?.values.map((v) => v.value)).toEqual(['', 'low', 'normal', 'high', 'urgent']);
      for (const d of definitions.conditions_all) {
        expect(d.operators.length, d.subject).toBeGreaterThan(0);
        for (const op of d.operators) {
          const condition = { field: d.subject, operator: op.value, value: op.terminal ? '' : sampleValue(d) };
          const error = refusal(() => validateRule(table, { title: 'x', conditions: { all: [condition], any: [] }, actions: [{ field: 'status', value: 'open' }] }));
          expect(error, `${d.subject} ${op.value}`).toBeNull();
        }
      }
      for (const d of definitions.actions) {
        const error = refusal(() => validateRule(table, { title: 'x', conditions: { all: [{ field: 'status', operator: 'is', value: 'open' }], any: [] }, actions: [sampleAction(d)] }));
        expect(error, d.subject).toBeNull();
      }
      // Offered to triggers only: an automation runs without an update to test.
      const subjects = definitions.conditions_all.map((d) => d.subject);
      const absent = kind === 'trigger' ? 'hours_since_created' : 'update_type';
      expect(subjects).not.toContain(absent);
      const refused = refusal(() => validateRule(table, { title: 'x', conditions: { all: [{ field: absent, operator: 'is', value: '1' }], any: [] }, actions: [{ field: 'status', value: 'open' }] }));
      expect(refused?.details).toHaveProperty([`${kind}.conditions.all[0].field`]);
      expect(definitions.actions.map((a) => a.subject)).not.toContain('comment_value');
    });
  }

  it('names the account’s own groups, agents, fields and webhooks, and no other account’s', async () => {
    const { definitions } = (await desk.owner.get('/api/v2/triggers/definitions')).json<RuleDefinitions>();
    const group = definitions.conditions_all.find((d) => d.subject === 'group_id');
    expect(group).toMatchObject({ type: 'list', nullable: true, title: null });
    expect(group?.values).toContainEqual({ value: String(groupId), title: '财务组' });
    expect(JSON.stringify(definitions)).not.toContain('别家的组');
    expect(definitions.conditions_all.find((d) => d.subject === 'assignee_id')?.values).toContainEqual({ value: String(agent.id), title: '周琳' });
    const custom = definitions.conditions_all.find((d) => d.subject === `custom_fields_${fieldId}`);
    expect(custom).toMatchObject({ title: '产品线', type: 'list', values: [{ value: 'phone', title: '手机' }, { value: 'computer', title: '电脑' }] });
    expect(definitions.conditions_all.find((d) => d.subject === 'requester.custom_fields.member_level')).toMatchObject({ title: '会员等级', type: 'text' });
    expect(definitions.conditions_all.find((d) => d.subject === 'status')?.operators.map((o) => o.value)).toContain('changed');
    expect(definitions.actions.find((a) => a.subject === 'notification_webhook')?.values.map((v) => v.title)).toEqual(['工单同步']);
    expect(definitions.actions.find((a) => a.subject === 'notification_user')).toMatchObject({ repeatable: true, type: 'notification_user' });
    expect(definitions.custom_fields.map((f) => f.title)).toEqual(['产品线']);
  });

  it('is for those who manage rules; views and macros for every agent', async () => {
    expect((await agent.client.get('/api/v2/triggers/definitions')).statusCode).toBe(403);
    expect((await agent.client.get('/api/v2/automations/definitions')).statusCode).toBe(403);
    expect((await desk.anonymous.get('/api/v2/triggers/definitions')).statusCode).toBe(401);
    expect((await agent.client.get('/api/v2/views/definitions')).statusCode).toBe(200);
    expect((await agent.client.get('/api/v2/macros/actions')).statusCode).toBe(200);
  });

  it('macros: the actions offered (Zendesk’s /macros/actions) all save', async () => {
    const res = await desk.owner.get('/api/v2/macros/actions');
    expect(res.statusCode, res.body).toBe(200);
    const actions = res.json<{ actions: Definition[] }>().actions;
    expect(actions.map((a) => a.subject)).toEqual(expect.arrayContaining(['comment_value', 'comment_mode_is_public', 'status', 'set_tags']));
    expect(actions.map((a) => a.subject)).not.toContain('notification_user');
    for (const d of actions) {
      expect(refusal(() => validateRule('macros', { title: 'x', actions: [sampleAction(d)] })), d.subject).toBeNull();
    }
    const same = (await desk.owner.get('/api/v2/macros/definitions')).json<{ definitions: { actions: Definition[] } }>();
    expect(same.definitions.actions).toEqual(actions);
  });

  it('views: every condition offered previews; one not offered is refused', async () => {
    const res = await desk.owner.get('/api/v2/views/definitions');
    expect(res.statusCode, res.body).toBe(200);
    const { definitions } = res.json<{ definitions: { conditions_all: Definition[]; columns: { value: string }[]; sort_by: { value: string }[] } }>();
    expect(definitions.columns.map((c) => c.value)).toContain('subject');
    expect(definitions.sort_by.map((c) => c.value)).toContain('updated_at');
    expect(definitions.conditions_all.find((d) => d.subject === 'group_id')?.values.map((v) => v.value)).toContain('current_groups');
    for (const d of definitions.conditions_all) {
      for (const op of d.operators) {
        const preview = await desk.owner.post('/api/v2/views/preview', { view: { conditions: { all: [{ field: d.subject, operator: op.value, value: sampleValue(d) }], any: [] } } });
        expect(preview.statusCode, `${d.subject} ${op.value}: ${preview.body}`).toBe(200);
      }
    }
    expect(definitions.conditions_all.map((d) => d.subject)).not.toContain('update_type');
    const refused = await desk.owner.post('/api/v2/views/preview', { view: { conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Create' }], any: [] } } });
    expect(refused.statusCode).toBe(422);
  });

  it('SLA policies: every condition offered saves; Zendesk’s `value` key is kept', async () => {
    const res = await desk.owner.get('/api/v2/slas/policies/definitions');
    expect(res.statusCode, res.body).toBe(200);
    const { definitions } = res.json<{ definitions: { all: (Definition & { value: string })[]; metrics: { value: string }[] } }>();
    expect(definitions.metrics.map((m) => m.value)).toContain('first_reply_time');
    for (const d of definitions.all) {
      expect(d.value).toBe(d.subject);
      for (const op of d.operators) {
        const errors = {};
        parseConditions({ all: [{ field: d.subject, operator: op.value, value: op.terminal ? '' : sampleValue(d) }], any: [] }, 'sla', 'sla_policy.filter', errors);
        expect(errors, `${d.subject} ${op.value}`).toEqual({});
      }
    }
    expect(definitions.all.map((d) => d.subject)).not.toContain('subject_includes_word');
    const errors = {};
    parseConditions({ all: [{ field: 'subject_includes_word', operator: 'includes', value: '退款' }], any: [] }, 'sla', 'sla_policy.filter', errors);
    expect(errors).toHaveProperty(['sla_policy.filter.all[0].field']);
  });
});
