import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Ctx, inTransaction } from '../../context.js';
import type { CustomFieldEntity } from '../../db/schema.js';
import { isoTime } from '../../platform/clock.js';
import { type FieldErrors, fieldError, invalidField, notFound } from '../../platform/errors.js';
import { type Message, msg } from '../../platform/messages.js';
import { apiUrl } from '../../platform/http/urls.js';
import { touchRules } from '../../rules/rules-version.js';
import { throwIfErrors } from '../../rules/definitions.js';
import { assertPortalVisitorAllowed } from '../portal/people.js';
import { idParam, idParams } from '../shared/fields.js';
import { fieldInUse, fieldUsages } from './field-usage.js';
import { checkValue, type CustomField, FIELD_TYPES, loadFields } from './fields.js';

const translations = z.partialRecord(z.enum(['zh-CN', 'en']), z.string().max(255));
const optionInput = z.object({
  id: idParam.optional(),
  name: z.string().trim().min(1, 'cannot be blank').max(255),
  value: z.string().trim().toLowerCase().min(1).max(255).regex(/^[^\s,]+$/, 'may not contain spaces or commas').optional(),
});

const fieldInput = z.object({
  type: z.enum(FIELD_TYPES),
  key: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'is lower-case letters, digits and underscores').optional(),
  title: z.string().trim().min(1, 'cannot be blank').max(255),
  titles: translations.optional(),
  description: z.string().max(2000).optional(),
  descriptions: translations.optional(),
  position: z.number().int().min(0).optional(),
  active: z.boolean().optional(),
  required: z.boolean().optional(),
  required_on_create: z.boolean().optional(),
  required_in_portal: z.boolean().optional(),
  visible_in_portal: z.boolean().optional(),
  editable_in_portal: z.boolean().optional(),
  regexp_for_validation: z.string().max(500).nullable().optional(),
  default_value: z.union([z.string().max(65_535), z.number(), z.boolean(), z.array(z.string()).max(100), z.null()]).optional(),
  custom_field_options: z.array(optionInput).max(2000).optional(),
});
type FieldInput = z.infer<typeof fieldInput>;

const resources: { path: string; entity: CustomFieldEntity; one: string; many: string }[] = [
  { path: 'ticket_fields', entity: 'ticket', one: 'ticket_field', many: 'ticket_fields' },
  { path: 'user_fields', entity: 'user', one: 'user_field', many: 'user_fields' },
  { path: 'organization_fields', entity: 'organization', one: 'organization_field', many: 'organization_fields' },
];

function localized(ctx: Ctx, texts: Record<string, string>): string {
  const locale = (ctx.actor.kind === 'user' ? ctx.actor.user.locale : null) ?? ctx.account.locale;
  return texts[locale] ?? texts[ctx.account.locale] ?? Object.values(texts)[0] ?? '';
}

function present(ctx: Ctx, path: string, f: CustomField) {
  return {
    url: apiUrl(ctx, `${path}/${f.id}`),
    id: f.id,
    type: f.type,
    ...(f.key !== null ? { key: f.key } : {}),
    title: localized(ctx, f.titles),
    raw_title: f.titles[ctx.account.locale] ?? localized(ctx, f.titles),
    titles: f.titles,
    description: localized(ctx, f.descriptions),
    descriptions: f.descriptions,
    position: f.position,
    active: f.active,
    required: f.required,
    required_on_create: f.requiredOnCreate,
    required_in_portal: f.requiredInPortal,
    visible_in_portal: f.visibleInPortal,
    editable_in_portal: f.editableInPortal,
    regexp_for_validation: f.regexp,
    default_value: f.defaultValue,
    ...(f.type === 'tagger' || f.type === 'multiselect'
      ? { custom_field_options: f.options.filter((o) => !o.retired).map((o) => ({ id: o.id, name: o.name, raw_name: o.name, value: o.value, position: o.position })), retired_options: f.options.filter((o) => o.retired).map((o) => ({ id: o.id, name: o.name, value: o.value })) }
      : {}),
    created_at: isoTime(f.createdAt),
    updated_at: isoTime(f.updatedAt),
  };
}

/** Makes a stable option value from its name when none is given (Zendesk's tag). */
function valueFor(name: string, taken: Set<string>): string {
  const base = name.toLowerCase().replace(/::/g, '__').replace(/[\s,]+/g, '_').slice(0, 200) || 'option';
  let value = base;
  for (let n = 2; taken.has(value); n++) {
    value = `${base}_${n}`;
  }
  return value;
}

function validate(entity: CustomFieldEntity, input: Partial<FieldInput>, type: string, errors: FieldErrors, one: string): void {
  const fail = (field: string, message: Message) => (errors[`${one}.${field}`] ??= []).push(fieldError(message));
  if (entity !== 'ticket' && input.key === undefined && type !== '') {
    fail('key', msg('field.key_needed'));
  }
  if (type === 'regexp') {
    if (!input.regexp_for_validation) {
      fail('regexp_for_validation', msg('field.pattern_needed'));
    } else {
      try {
        new RegExp(input.regexp_for_validation, 'u');
      } catch (e) {
        fail('regexp_for_validation', msg('field.bad_pattern', { detail: e instanceof Error ? e.message : 'invalid' }));
      }
    }
  }
  if ((type === 'tagger' || type === 'multiselect') && input.custom_field_options !== undefined && input.custom_field_options.length === 0) {
    fail('custom_field_options', msg('field.options_needed'));
  }
}

async function saveOptions(ctx: Ctx, fieldId: number, options: z.infer<typeof optionInput>[], one: string): Promise<void> {
  const existing = await ctx.db.selectFrom('custom_field_options').selectAll().where('account_id', '=', ctx.account.id).where('field_id', '=', fieldId).execute();
  const taken = new Set(existing.map((o) => o.value));
  const keep = new Set<number>();
  for (const [position, o] of options.entries()) {
    if (o.id !== undefined) {
      const current = existing.find((e) => e.id === o.id);
      if (!current) {
        throw invalidField(`${one}.custom_field_options[${position}].id`, msg('field.no_such_option'), 'NotFound');
      }
      // Renaming and reordering keep the stored value, so tickets keep their answer.
      await ctx.db.updateTable('custom_field_options').set({ name: o.name, position, retired: 0 }).where('account_id', '=', ctx.account.id).where('id', '=', o.id).execute();
      keep.add(o.id);
      continue;
    }
    const value = o.value ?? valueFor(o.name, taken);
    const revived = existing.find((e) => e.value === value);
    if (revived) {
      await ctx.db.updateTable('custom_field_options').set({ name: o.name, position, retired: 0 }).where('account_id', '=', ctx.account.id).where('id', '=', revived.id).execute();
      keep.add(revived.id);
      continue;
    }
    taken.add(value);
    const row = await ctx.db.insertInto('custom_field_options').values({ account_id: ctx.account.id, field_id: fieldId, name: o.name, value, position, retired: 0 }).returning('id').executeTakeFirstOrThrow();
    keep.add(row.id);
  }
  // Options left out are retired, never deleted: old tickets still show their answer.
  for (const e of existing) {
    if (!keep.has(e.id)) {
      await ctx.db.updateTable('custom_field_options').set({ retired: 1 }).where('account_id', '=', ctx.account.id).where('id', '=', e.id).execute();
    }
  }
}

function columns(input: Partial<FieldInput>, current: CustomField | null) {
  // A plain title names the field in every language until a translation is given.
  const titles =
    input.title !== undefined || input.titles !== undefined
      ? { ...(current?.titles ?? {}), ...(input.title !== undefined ? { 'zh-CN': input.title, ...(current?.titles.en ? {} : { en: input.title }) } : {}), ...(input.titles ?? {}) }
      : undefined;
  const descriptions = input.description !== undefined || input.descriptions !== undefined ? { ...(current?.descriptions ?? {}), ...(input.descriptions ?? {}), ...(input.description !== undefined && input.descriptions === undefined ? { 'zh-CN': input.description, en: input.description } : {}) } : undefined;
  const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? (1 as const) : (0 as const));
  const entries = {
    titles: titles === undefined ? undefined : JSON.stringify(titles),
    descriptions: descriptions === undefined ? undefined : JSON.stringify(descriptions),
    position: input.position,
    active: flag(input.active),
    required: flag(input.required),
    required_on_create: flag(input.required_on_create),
    required_in_portal: flag(input.required_in_portal),
    visible_in_portal: flag(input.visible_in_portal),
    editable_in_portal: flag(input.editable_in_portal),
    regexp_for_validation: input.regexp_for_validation,
    default_value: input.default_value === undefined ? undefined : input.default_value === null ? null : JSON.stringify(input.default_value),
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as Partial<Record<keyof typeof entries, string | number | null>>;
}

async function findField(ctx: Ctx, entity: CustomFieldEntity, id: number): Promise<CustomField> {
  const field = (await loadFields(ctx, entity)).find((f) => f.id === id);
  if (!field) {
    throw notFound();
  }
  return field;
}

export const customFieldRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const r of resources) {
    const tags = ['Custom fields'];
    const manage = r.entity === 'ticket' ? 'manage_rules' : r.entity === 'user' ? 'manage_users' : 'manage_organizations';
    // Ticket fields are public where the helpdesk takes anonymous requests: the portal's form for visitors.
    app.get(`/api/v2/${r.path}`, { config: { access: r.entity === 'ticket' ? 'public' : 'signed_in' }, schema: { tags } }, async (req) => {
      await assertPortalVisitorAllowed(req.ctx);
      const fields = await loadFields(req.ctx, r.entity);
      // End users see only the ticket fields the portal shows them.
      const shown = req.ctx.permissions.isAgent ? fields : fields.filter((f) => r.entity === 'ticket' && f.active && f.visibleInPortal);
      return { [r.many]: shown.map((f) => present(req.ctx, r.path, f)), next_page: null, previous_page: null, count: shown.length };
    });
    app.get(`/api/v2/${r.path}/:id`, { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req) => ({ [r.one]: present(req.ctx, r.path, await findField(req.ctx, r.entity, req.params.id)) }));
    app.post(`/api/v2/${r.path}`, { config: { access: manage }, schema: { tags, body: z.object({ [r.one]: fieldInput }) as unknown as z.ZodType<Record<string, FieldInput>> } }, async (req, reply) => {
      const input = req.body[r.one] as FieldInput;
      const errors: FieldErrors = {};
      validate(r.entity, input, input.type, errors, r.one);
      throwIfErrors(errors);
      const id = await inTransaction(req.ctx, async (tx) => {
        if (input.key !== undefined) {
          const dup = await tx.db.selectFrom('custom_fields').select('id').where('account_id', '=', tx.account.id).where('entity', '=', r.entity).where('key', '=', input.key).executeTakeFirst();
          if (dup) {
            throw invalidField(`${r.one}.key`, msg('field.key_taken'), 'DuplicateValue');
          }
        }
        const now = tx.clock.now();
        const last = await tx.db.selectFrom('custom_fields').select((eb) => eb.fn.max('position').as('p')).where('account_id', '=', tx.account.id).where('entity', '=', r.entity).executeTakeFirst();
        const row = await tx.db
          .insertInto('custom_fields')
          .values({ account_id: tx.account.id, entity: r.entity, type: input.type, key: input.key ?? null, titles: '{}', position: Number(last?.p ?? -1) + 1, regexp_for_validation: null, default_value: null, created_at: now, updated_at: now, ...columns(input, null) } as never)
          .returning('id')
          .executeTakeFirstOrThrow();
        if (input.custom_field_options) {
          await saveOptions(tx, row.id, input.custom_field_options, r.one);
        }
        await checkDefault(tx, r.entity, row.id, r.one);
        await touchRules(tx);
        return row.id;
      });
      return reply.status(201).send({ [r.one]: present(req.ctx, r.path, await findField(req.ctx, r.entity, id)) });
    });
    app.put(`/api/v2/${r.path}/:id`, { config: { access: manage }, schema: { tags, params: idParams, body: z.object({ [r.one]: fieldInput.partial() }) as unknown as z.ZodType<Record<string, Partial<FieldInput>>> } }, async (req) => {
      const current = await findField(req.ctx, r.entity, req.params.id);
      const input = req.body[r.one] as Partial<FieldInput>;
      if (input.type !== undefined && input.type !== current.type) {
        throw invalidField(`${r.one}.type`, msg('field.type_fixed'), 'InvalidValue');
      }
      const errors: FieldErrors = {};
      validate(r.entity, { ...input, key: input.key ?? current.key ?? undefined, regexp_for_validation: input.regexp_for_validation ?? current.regexp }, current.type, errors, r.one);
      throwIfErrors(errors);
      await inTransaction(req.ctx, async (tx) => {
        await tx.db.updateTable('custom_fields').set({ ...columns(input, current), updated_at: tx.clock.now() } as never).where('account_id', '=', tx.account.id).where('id', '=', current.id).execute();
        if (input.custom_field_options) {
          await saveOptions(tx, current.id, input.custom_field_options, r.one);
        }
        await checkDefault(tx, r.entity, current.id, r.one);
        await touchRules(tx);
      });
      return { [r.one]: present(req.ctx, r.path, await findField(req.ctx, r.entity, current.id)) };
    });
    app.delete(`/api/v2/${r.path}/:id`, { config: { access: manage }, schema: { tags, params: idParams } }, async (req, reply) => {
      const field = await findField(req.ctx, r.entity, req.params.id);
      await inTransaction(req.ctx, async (tx) => {
        const usages = await fieldUsages(tx, r.entity, field);
        if (usages.length > 0) {
          throw fieldInUse(r.one, usages);
        }
        await tx.db.deleteFrom('custom_fields').where('account_id', '=', tx.account.id).where('id', '=', req.params.id).execute();
        await touchRules(tx);
      });
      return reply.status(204).send();
    });
    app.get(`/api/v2/${r.path}/:id/options`, { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req) => {
      const field = await findField(req.ctx, r.entity, req.params.id);
      return { custom_field_options: field.options.map((o) => ({ id: o.id, name: o.name, value: o.value, position: o.position, retired: o.retired })) };
    });
  }
};

/** The default value must itself be valid for the field. */
async function checkDefault(ctx: Ctx, entity: CustomFieldEntity, id: number, one: string): Promise<void> {
  const field = (await loadFields(ctx, entity)).find((f) => f.id === id);
  if (field && field.defaultValue !== null) {
    const checked = checkValue(field, field.defaultValue);
    if (!checked.ok) {
      throw invalidField(`${one}.default_value`, checked.reason, 'InvalidValue');
    }
  }
}

