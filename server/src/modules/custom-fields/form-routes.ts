import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Ctx, inTransaction } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { type FieldErrors, fieldError, notFound } from '../../platform/errors.js';
import { type Message, msg } from '../../platform/messages.js';
import { apiUrl } from '../../platform/http/urls.js';
import { throwIfErrors } from '../../rules/definitions.js';
import { touchRules } from '../../rules/rules-version.js';
import { assertPortalVisitorAllowed } from '../portal/people.js';
import { idParam, idParams } from '../shared/fields.js';
import { loadFields } from './fields.js';
import { loadForms, type TicketForm } from './forms.js';

const condition = z.object({
  parent_field_id: idParam,
  value: z.union([z.string().max(255), z.boolean(), z.number()]),
  child_fields: z.array(z.object({ id: idParam, is_required: z.boolean().default(false) })).min(1).max(100),
});
const formInput = z.object({
  name: z.string().trim().min(1, 'cannot be blank').max(255),
  display_name: z.string().trim().max(255).optional(),
  position: z.number().int().min(0).optional(),
  active: z.boolean().optional(),
  default: z.boolean().optional(),
  end_user_visible: z.boolean().optional(),
  ticket_field_ids: z.array(idParam).max(400),
  agent_conditions: z.array(condition).max(200).optional(),
  end_user_conditions: z.array(condition).max(200).optional(),
});
type FormInput = z.infer<typeof formInput>;

function present(ctx: Ctx, f: TicketForm) {
  return {
    url: apiUrl(ctx, `ticket_forms/${f.id}`),
    id: f.id,
    name: f.name,
    display_name: f.displayName,
    raw_name: f.name,
    position: f.position,
    active: f.active,
    default: f.isDefault,
    end_user_visible: f.endUserVisible,
    ticket_field_ids: f.fieldIds,
    agent_conditions: f.agentConditions,
    end_user_conditions: f.endUserConditions,
    created_at: isoTime(f.createdAt),
    updated_at: isoTime(f.updatedAt),
  };
}

/** Fields must exist, and a condition's parent and children must be on the form. */
async function validate(ctx: Ctx, input: FormInput): Promise<void> {
  const fields = new Map((await loadFields(ctx, 'ticket')).map((f) => [f.id, f]));
  const errors: FieldErrors = {};
  const fail = (at: string, message: Message) => (errors[`ticket_form.${at}`] ??= []).push(fieldError(message));
  input.ticket_field_ids.forEach((id, i) => {
    if (!fields.has(id)) {
      fail(`ticket_field_ids[${i}]`, msg('form.no_such_field', { id }));
    }
  });
  for (const group of ['agent_conditions', 'end_user_conditions'] as const) {
    (input[group] ?? []).forEach((c, i) => {
      if (!input.ticket_field_ids.includes(c.parent_field_id)) {
        fail(`${group}[${i}].parent_field_id`, msg('form.parent_on_form'));
      }
      const parent = fields.get(c.parent_field_id);
      if (parent && (parent.type === 'tagger' || parent.type === 'multiselect') && !parent.options.some((o) => o.value === String(c.value))) {
        fail(`${group}[${i}].value`, msg('form.not_parent_option', { value: String(c.value) }));
      }
      c.child_fields.forEach((child, j) => {
        if (!input.ticket_field_ids.includes(child.id) || child.id === c.parent_field_id) {
          fail(`${group}[${i}].child_fields[${j}].id`, msg('form.child_on_form'));
        }
      });
    });
  }
  throwIfErrors(errors);
}

async function save(ctx: Ctx, id: number | null, input: FormInput): Promise<number> {
  const now = ctx.clock.now();
  if (input.default) {
    await ctx.db.updateTable('ticket_forms').set({ is_default: 0 }).where('account_id', '=', ctx.account.id).execute();
  }
  const values = {
    name: input.name,
    display_name: input.display_name ?? input.name,
    ...(input.position !== undefined ? { position: input.position } : {}),
    ...(input.active !== undefined ? { active: input.active ? (1 as const) : (0 as const) } : {}),
    ...(input.default !== undefined ? { is_default: input.default ? (1 as const) : (0 as const) } : {}),
    ...(input.end_user_visible !== undefined ? { end_user_visible: input.end_user_visible ? (1 as const) : (0 as const) } : {}),
    ticket_field_ids: JSON.stringify(input.ticket_field_ids),
    agent_conditions: JSON.stringify(input.agent_conditions ?? []),
    end_user_conditions: JSON.stringify(input.end_user_conditions ?? []),
    updated_at: now,
  };
  let formId = id;
  if (formId === null) {
    const count = await ctx.db.selectFrom('ticket_forms').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', ctx.account.id).executeTakeFirst();
    const row = await ctx.db
      .insertInto('ticket_forms')
      .values({ account_id: ctx.account.id, position: Number(count?.n ?? 0), created_at: now, ...values, ...(Number(count?.n ?? 0) === 0 ? { is_default: 1 as const } : {}) })
      .returning('id')
      .executeTakeFirstOrThrow();
    formId = row.id;
  } else {
    await ctx.db.updateTable('ticket_forms').set(values).where('account_id', '=', ctx.account.id).where('id', '=', formId).execute();
  }
  await touchRules(ctx);
  return formId;
}

async function findForm(ctx: Ctx, id: number): Promise<TicketForm> {
  const form = (await loadForms(ctx)).find((f) => f.id === id);
  if (!form || (!ctx.permissions.isAgent && (!form.active || !form.endUserVisible))) {
    throw notFound();
  }
  return form;
}

export const ticketFormRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['Ticket forms'];
  // Public where the helpdesk takes anonymous requests: the portal's form for visitors.
  app.get('/api/v2/ticket_forms', { config: { access: 'public' }, schema: { tags } }, async (req) => {
    await assertPortalVisitorAllowed(req.ctx);
    const forms = (await loadForms(req.ctx)).filter((f) => req.ctx.permissions.isAgent || (f.active && f.endUserVisible));
    return { ticket_forms: forms.map((f) => present(req.ctx, f)), next_page: null, previous_page: null, count: forms.length };
  });
  app.get('/api/v2/ticket_forms/:id', { config: { access: 'signed_in' }, schema: { tags, params: idParams } }, async (req) => ({ ticket_form: present(req.ctx, await findForm(req.ctx, req.params.id)) }));
  app.post('/api/v2/ticket_forms', { config: { access: 'manage_rules' }, schema: { tags, body: z.object({ ticket_form: formInput }) } }, async (req, reply) => {
    await validate(req.ctx, req.body.ticket_form);
    const id = await inTransaction(req.ctx, (tx) => save(tx, null, req.body.ticket_form));
    return reply.status(201).send({ ticket_form: present(req.ctx, await findForm(req.ctx, id)) });
  });
  app.put('/api/v2/ticket_forms/:id', { config: { access: 'manage_rules' }, schema: { tags, params: idParams, body: z.object({ ticket_form: formInput }) } }, async (req) => {
    await findForm(req.ctx, req.params.id);
    await validate(req.ctx, req.body.ticket_form);
    await inTransaction(req.ctx, (tx) => save(tx, req.params.id, req.body.ticket_form));
    return { ticket_form: present(req.ctx, await findForm(req.ctx, req.params.id)) };
  });
  app.delete('/api/v2/ticket_forms/:id', { config: { access: 'manage_rules' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await findForm(req.ctx, req.params.id);
    await inTransaction(req.ctx, async (tx) => {
      await tx.db.deleteFrom('ticket_forms').where('account_id', '=', tx.account.id).where('id', '=', req.params.id).execute();
      await touchRules(tx);
    });
    return reply.status(204).send();
  });
};
