import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoTime } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import { apiUrl } from '../../platform/http/urls.js';
import { applyActions, newDraft } from '../../rules/apply-actions.js';
import { conditionsHold } from '../../rules/evaluate.js';
import { checkAutomation } from '../../rules/nullification.js';
import { deleteRule, getRule, insertRule, listRules, presentRule, reorderRules, type RuleTable, ruleInput, updateRule, validateRule } from '../../rules/rule-store.js';
import { touchRules } from '../../rules/rules-version.js';
import { loadDefinitionData } from '../../rules/definition-data.js';
import { presentRuleDefinitions } from '../../rules/definitions-presenter.js';
import { idParams } from '../shared/fields.js';
import { ticketState } from '../sla/timers.js';
import { findVisibleTicket } from '../tickets/repo.js';
import { inTransaction } from '../../context.js';

const one = { triggers: 'trigger', automations: 'automation' } as const;

/** Triggers and automations: Zendesk's resources, checked against the rule definitions. */
function ruleRoutes(table: Exclude<RuleTable, 'macros'>): FastifyPluginAsyncZod {
  const name = one[table];
  const tags = [table === 'triggers' ? 'Triggers' : 'Automations'];
  const extra = table === 'automations' ? checkAutomation : undefined;
  return async (app) => {
    const body = z.object({ [name]: ruleInput }) as z.ZodType<Record<string, z.infer<typeof ruleInput>>>;
    const partialBody = z.object({ [name]: ruleInput.partial() }) as z.ZodType<Record<string, Partial<z.infer<typeof ruleInput>>>>;
    const list = async (ctx: Parameters<typeof listRules>[0], active?: boolean) => {
      const rules = await listRules(ctx, table, active === undefined ? {} : { active });
      return { [table]: rules.map((r) => presentRule(ctx, table, r)), next_page: null, previous_page: null, count: rules.length };
    };
    app.get(`/api/v2/${table}`, { config: { access: 'manage_rules' }, schema: { tags, querystring: z.object({ active: z.enum(['true', 'false']).optional() }) } }, async (req) =>
      list(req.ctx, req.query.active === undefined ? undefined : req.query.active === 'true'),
    );
    // What the rule editor may offer, generated from the table every save is checked against.
    app.get(`/api/v2/${table}/definitions`, { config: { access: 'manage_rules' }, schema: { tags } }, async (req) => presentRuleDefinitions(name, await loadDefinitionData(req.ctx)));
    app.get(`/api/v2/${table}/active`, { config: { access: 'manage_rules' }, schema: { tags } }, async (req) => list(req.ctx, true));
    app.get(`/api/v2/${table}/:id`, { config: { access: 'manage_rules' }, schema: { tags, params: idParams } }, async (req) => ({ [name]: presentRule(req.ctx, table, await getRule(req.ctx, table, req.params.id)) }));
    app.post(`/api/v2/${table}`, { config: { access: 'manage_rules' }, schema: { tags, body } }, async (req, reply) => {
      const input = req.body[name] as z.infer<typeof ruleInput>;
      const parsed = validateRule(table, input, extra);
      const rule = await inTransaction(req.ctx, (tx) => insertRule(tx, table, input, parsed));
      return reply.status(201).send({ [name]: presentRule(req.ctx, table, rule) });
    });
    app.put(`/api/v2/${table}/:id`, { config: { access: 'manage_rules' }, schema: { tags, params: idParams, body: partialBody } }, async (req) => {
      const input = req.body[name] as Partial<z.infer<typeof ruleInput>>;
      const current = await getRule(req.ctx, table, req.params.id);
      const parsed =
        input.actions !== undefined || input.conditions !== undefined
          ? validateRule(table, { title: current.title, conditions: input.conditions ?? current.conditions, actions: input.actions ?? current.actions }, extra)
          : null;
      return { [name]: presentRule(req.ctx, table, await inTransaction(req.ctx, (tx) => updateRule(tx, table, req.params.id, input, parsed))) };
    });
    app.delete(`/api/v2/${table}/:id`, { config: { access: 'manage_rules' }, schema: { tags, params: idParams } }, async (req, reply) => {
      await inTransaction(req.ctx, (tx) => deleteRule(tx, table, req.params.id));
      return reply.status(204).send();
    });
    app.put(`/api/v2/${table}/reorder`, { config: { access: 'manage_rules' }, schema: { tags, body: z.object({ [`${name}_ids`]: z.array(z.number().int().positive()).max(10_000) }) } }, async (req) => {
      await inTransaction(req.ctx, (tx) => reorderRules(tx, table, req.body[`${name}_ids`] ?? []));
      return list(req.ctx);
    });
    // Dry run: would this rule (saved or not) match a ticket now, and what would it do?
    app.post(
      `/api/v2/${table}/dry_run`,
      { config: { access: 'manage_rules' }, schema: { tags, body: z.object({ ticket_id: z.number().int().positive(), [name]: ruleInput.optional(), id: z.number().int().positive().optional() }) as unknown as z.ZodType<{ ticket_id: number; id?: number } & Record<string, unknown>> } },
      async (req) => {
        const ticket = await findVisibleTicket(req.ctx, req.body.ticket_id);
        if (!ticket) {
          throw notFound();
        }
        const rule = req.body.id !== undefined ? await getRule(req.ctx, table, req.body.id) : validateRule(table, ruleInput.parse(req.body[name]), extra);
        const state = ticketState(ticket);
        const facts = {
          now: req.ctx.clock.now(), ticket: state, previous: state, ticketVia: ticket.via.channel, update: { type: 'Change' as const, via: 'web', comment: null, actorRole: 'agent' as const, actorId: null },
          times: { created_at: ticket.createdAt, updated_at: ticket.updatedAt, assigned_at: ticket.assignedAt, requester_updated_at: ticket.requesterUpdatedAt, assignee_updated_at: ticket.assigneeUpdatedAt, status_updated_at: ticket.statusUpdatedAt, solved_at: ticket.solvedAt, due_at: ticket.dueAt, sla_next_breach_at: null },
          withinBusinessHours: null,
        };
        const results = [...rule.conditions.all.map((c) => ({ group: 'all', ...c })), ...rule.conditions.any.map((c) => ({ group: 'any', ...c }))].map((c) => ({
          ...c,
          holds: conditionsHold({ all: [c], any: [] }, facts),
        }));
        const matches = conditionsHold(rule.conditions, facts);
        // The actions run on a copy inside a transaction that is rolled back: nothing is saved.
        let actions: Awaited<ReturnType<typeof applyActions>> = [];
        let after = state;
        if (matches) {
          await req.ctx.db.transaction().execute(async (trx) => {
            const draft = newDraft(state);
            actions = await applyActions({ ...req.ctx, db: trx }, draft, rule.actions, { kind: name, id: req.body.id ?? 0, title: 'dry run' });
            after = draft.state;
            throw new DryRunDone();
          }).catch((e: unknown) => {
            if (!(e instanceof DryRunDone)) {
              throw e;
            }
          });
        }
        return { dry_run: { ticket_id: ticket.niceId, matches, conditions: results, actions, ticket_after: after } };
      },
    );
  };
}

class DryRunDone extends Error {}

export const triggerRoutes = ruleRoutes('triggers');
export const automationRoutes = ruleRoutes('automations');

const categoryBody = z.object({ trigger_category: z.object({ name: z.string().trim().min(1, 'cannot be blank').max(255), position: z.number().int().min(0).optional() }) });

export const triggerCategoryRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['Triggers'];
  const present = (ctx: Parameters<typeof apiUrl>[0], c: { id: number; name: string; position: number; created_at: number; updated_at: number }) => ({
    url: apiUrl(ctx, `trigger_categories/${c.id}`), id: String(c.id), name: c.name, position: c.position, created_at: isoTime(c.created_at), updated_at: isoTime(c.updated_at),
  });
  app.get('/api/v2/trigger_categories', { config: { access: 'manage_rules' }, schema: { tags } }, async (req) => {
    const rows = await req.ctx.db.selectFrom('trigger_categories').selectAll().where('account_id', '=', req.ctx.account.id).orderBy('position').orderBy('id').execute();
    return { trigger_categories: rows.map((r) => present(req.ctx, r)) };
  });
  app.post('/api/v2/trigger_categories', { config: { access: 'manage_rules' }, schema: { tags, body: categoryBody } }, async (req, reply) => {
    const now = req.ctx.clock.now();
    const row = await req.ctx.db
      .insertInto('trigger_categories')
      .values({ account_id: req.ctx.account.id, name: req.body.trigger_category.name, position: req.body.trigger_category.position ?? 0, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return reply.status(201).send({ trigger_category: present(req.ctx, row) });
  });
  app.delete('/api/v2/trigger_categories/:id', { config: { access: 'manage_rules' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await inTransaction(req.ctx, async (tx) => {
      const gone = await tx.db.deleteFrom('trigger_categories').where('account_id', '=', tx.account.id).where('id', '=', req.params.id).executeTakeFirst();
      if (Number(gone.numDeletedRows) === 0) {
        throw notFound();
      }
      await tx.db.updateTable('triggers').set({ category_id: null }).where('account_id', '=', tx.account.id).where('category_id', '=', req.params.id).execute();
      await touchRules(tx);
    });
    return reply.status(204).send();
  });
};

