import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Ctx, inTransaction } from '../../context.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { applyActions, type Draft, newDraft } from '../../rules/apply-actions.js';
import { changeFromDraft } from '../../rules/draft-change.js';
import { placeholderData } from '../../rules/notify.js';
import { renderPlaceholders } from '../../rules/placeholders.js';
import { deleteRule, insertRule, listRules, presentRule, ruleInput, type StoredRule, updateRule, validateRule } from '../../rules/rule-store.js';
import { idParam, idParams } from '../shared/fields.js';
import { ticketState } from '../sla/timers.js';
import { changeTicket } from '../tickets/change-ticket.js';
import { loadTicketExtras, presentTicket } from '../tickets/presenter.js';
import { findVisibleTicket, listCollaborators, type TicketRecord } from '../tickets/repo.js';
import { myGroupIds } from '../groups/my-groups.js';
import { loadDefinitionData } from '../../rules/definition-data.js';
import { actionDefinitions } from '../../rules/definitions-presenter.js';

const tags = ['Macros'];

function me(ctx: Ctx): number {
  return ctx.actor.kind === 'user' ? ctx.actor.user.id : 0;
}

/** Personal macros belong to their agent; shared ones need the macro permission. */
function mayEdit(ctx: Ctx, macro: Pick<StoredRule, 'restriction'>): boolean {
  return ctx.permissions.canManageMacros || (macro.restriction?.type === 'User' && macro.restriction.id === me(ctx));
}

async function visibleMacros(ctx: Ctx, active?: boolean): Promise<StoredRule[]> {
  const groups = await myGroupIds(ctx);
  const all = await listRules(ctx, 'macros', active === undefined ? {} : { active });
  return all.filter((m) => m.restriction === null || (m.restriction.type === 'User' ? m.restriction.id === me(ctx) : m.restriction.ids.some((g) => groups.has(g))) || ctx.permissions.canManageMacros);
}

async function visibleMacro(ctx: Ctx, id: number): Promise<StoredRule> {
  const macro = (await visibleMacros(ctx)).find((m) => m.id === id);
  if (!macro) {
    throw notFound();
  }
  return macro;
}

/** What a macro would do to a ticket, with its comment's placeholders filled in. */
async function preview(ctx: Ctx, macro: StoredRule, ticket: TicketRecord): Promise<{ draft: Draft; outcomes: Awaited<ReturnType<typeof applyActions>> }> {
  const draft = newDraft(ticketState(ticket));
  const outcomes = await applyActions(ctx, draft, macro.actions, { kind: 'macro', id: macro.id, title: macro.title });
  if (draft.comment && (draft.comment.body !== undefined || draft.comment.html_body !== undefined)) {
    const data = await placeholderData(ctx, ticket);
    if (draft.comment.body !== undefined) {
      draft.comment.body = renderPlaceholders(draft.comment.body, data);
    }
    if (draft.comment.html_body !== undefined) {
      draft.comment.html_body = renderPlaceholders(draft.comment.html_body, data);
    }
  }
  return { draft, outcomes };
}

const ticketMacroParams = z.object({ ticket_id: idParam, id: idParam });

export const macroRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v2/macros', { config: { access: 'agent' }, schema: { tags, querystring: z.object({ active: z.enum(['true', 'false']).optional() }) } }, async (req) => {
    const macros = await visibleMacros(req.ctx, req.query.active === undefined ? undefined : req.query.active === 'true');
    return { macros: macros.map((m) => presentRule(req.ctx, 'macros', m)), next_page: null, previous_page: null, count: macros.length };
  });
  app.get('/api/v2/macros/active', { config: { access: 'agent' }, schema: { tags } }, async (req) => {
    const macros = await visibleMacros(req.ctx, true);
    return { macros: macros.map((m) => presentRule(req.ctx, 'macros', m)), next_page: null, previous_page: null, count: macros.length };
  });
  // The actions a macro may take (Zendesk's /macros/actions; /definitions in the rules' shape), from the validator's table.
  app.get('/api/v2/macros/actions', { config: { access: 'agent' }, schema: { tags } }, async (req) => ({ actions: actionDefinitions('macro', await loadDefinitionData(req.ctx)) }));
  app.get('/api/v2/macros/definitions', { config: { access: 'agent' }, schema: { tags } }, async (req) => ({ definitions: { actions: actionDefinitions('macro', await loadDefinitionData(req.ctx)) } }));
  app.get('/api/v2/macros/:id', { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req) => ({ macro: presentRule(req.ctx, 'macros', await visibleMacro(req.ctx, req.params.id)) }));

  app.post('/api/v2/macros', { config: { access: 'agent' }, schema: { tags, body: z.object({ macro: ruleInput }) } }, async (req, reply) => {
    const input = { ...req.body.macro, restriction: req.body.macro.restriction === undefined && !req.ctx.permissions.canManageMacros ? { type: 'User' as const, id: me(req.ctx) } : (req.body.macro.restriction ?? null) };
    if (!mayEdit(req.ctx, input)) {
      throw forbidden('Your role may create personal macros only');
    }
    const parsed = validateRule('macros', input);
    return reply.status(201).send({ macro: presentRule(req.ctx, 'macros', await inTransaction(req.ctx, (tx) => insertRule(tx, 'macros', input, parsed))) });
  });
  app.put('/api/v2/macros/:id', { config: { access: 'agent' }, schema: { tags, params: idParams, body: z.object({ macro: ruleInput.partial() }) } }, async (req) => {
    const current = await visibleMacro(req.ctx, req.params.id);
    const input = req.body.macro;
    if (!mayEdit(req.ctx, current) || (input.restriction !== undefined && !mayEdit(req.ctx, { restriction: input.restriction }))) {
      throw forbidden();
    }
    const parsed = input.actions !== undefined ? validateRule('macros', { title: current.title, actions: input.actions }) : null;
    return { macro: presentRule(req.ctx, 'macros', await inTransaction(req.ctx, (tx) => updateRule(tx, 'macros', req.params.id, input, parsed))) };
  });
  app.delete('/api/v2/macros/:id', { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req, reply) => {
    const current = await visibleMacro(req.ctx, req.params.id);
    if (!mayEdit(req.ctx, current)) {
      throw forbidden();
    }
    await inTransaction(req.ctx, (tx) => deleteRule(tx, 'macros', req.params.id));
    return reply.status(204).send();
  });

  // Zendesk's preview: what applying the macro would change, saving nothing.
  app.get('/api/v2/tickets/:ticket_id/macros/:id/apply', { config: { access: 'agent' }, schema: { tags, params: ticketMacroParams } }, async (req) => {
    const ticket = await findVisibleTicket(req.ctx, req.params.ticket_id);
    if (!ticket) {
      throw notFound();
    }
    const macro = await visibleMacro(req.ctx, req.params.id);
    const { draft, outcomes } = await req.ctx.db.transaction().execute(async (trx) => preview({ ...req.ctx, db: trx }, macro, ticket));
    const change = changeFromDraft(ticketState(ticket), draft, [], []);
    const visible = { ...change };
    delete visible.notifications;
    return { result: { ticket: { id: ticket.niceId, ...visible }, comment: draft.comment ? { body: draft.comment.body ?? null, html_body: draft.comment.html_body ?? null, public: draft.comment.public !== false, scoped_body: null } : null, actions: outcomes } };
  });

  // Applies a macro through the one door, in one audit that names it; counts its use.
  app.post('/api/v2/tickets/:ticket_id/macros/:id/apply', { config: { access: 'agent' }, schema: { tags, params: ticketMacroParams } }, async (req) => {
    const ticket = await findVisibleTicket(req.ctx, req.params.ticket_id);
    if (!ticket) {
      throw notFound();
    }
    const macro = await visibleMacro(req.ctx, req.params.id);
    const result = await inTransaction(req.ctx, async (tx) => {
      const { draft, outcomes } = await preview(tx, macro, ticket);
      const change = changeFromDraft(ticketState(ticket), draft, await listCollaborators(tx, ticket.id, 'cc'), await listCollaborators(tx, ticket.id, 'follower'));
      const comment = draft.comment && (draft.comment.body || draft.comment.html_body)
        ? { ...(draft.comment.html_body ? { html_body: draft.comment.html_body } : { body: draft.comment.body ?? '' }), public: draft.comment.public !== false }
        : undefined;
      const changed = await changeTicket(tx, ticket.niceId, { ...change, ...(comment ? { comment } : {}), appliedRules: [{ kind: 'macro', id: macro.id, title: macro.title, actions: outcomes }] }, { via: { channel: 'web', source: { rel: 'macro', from: { id: macro.id, title: macro.title } } } });
      await tx.db.updateTable('macros').set((eb) => ({ usage_count: eb('usage_count', '+', 1) })).where('account_id', '=', tx.account.id).where('id', '=', macro.id).execute();
      return changed;
    });
    const extras = await loadTicketExtras(req.ctx, [result.ticket]);
    return { ticket: presentTicket(req.ctx, result.ticket, extras), audit_id: result.auditId };
  });
};

