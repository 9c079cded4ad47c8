import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Ctx, inTransaction } from '../../context.js';
import type { Db } from '../../db/database.js';
import { isUniqueViolation } from '../../db/helpers.js';
import { isoTime } from '../../platform/clock.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { apiUrl } from '../../platform/http/urls.js';
import { findGroup } from '../groups/repo.js';
import { email, idParam, idParams } from '../shared/fields.js';
import { presentSmtp, readStoredSmtp, sealSmtp, type SmtpInput, SmtpProblem, smtpInput, type StoredSmtp, verifySmtp } from './outbound-smtp.js';
import { msg } from '../../platform/messages.js';

export type RecipientAddress = { id: number; accountId: number; email: string; name: string; defaultGroupId: number | null; isDefault: boolean; smtp: string | null; createdAt: number; updatedAt: number };

type Row = { id: number; account_id: number; email: string; name: string; default_group_id: number | null; is_default: number; smtp: string | null; created_at: number; updated_at: number };
const toAddress = (r: Row): RecipientAddress => ({ id: r.id, accountId: r.account_id, email: r.email, name: r.name, defaultGroupId: r.default_group_id, isDefault: r.is_default === 1, smtp: r.smtp, createdAt: r.created_at, updatedAt: r.updated_at });

/** support+t12-abc@example.com is support@example.com: plus tags address the same mailbox. */
export function baseAddress(address: string): string {
  const [local = '', domain = ''] = address.toLowerCase().split('@');
  return `${local.split('+')[0]}@${domain}`;
}

/** The helpdesk address a recipient is, across all accounts (SMTP routes by it). */
export async function findAddressByEmail(db: Db, address: string): Promise<RecipientAddress | null> {
  const row = await db.selectFrom('recipient_addresses').selectAll().where('email', '=', baseAddress(address)).executeTakeFirst();
  return row ? toAddress(row) : null;
}

export async function listAddresses(ctx: Ctx): Promise<RecipientAddress[]> {
  const rows = await ctx.db.selectFrom('recipient_addresses').selectAll().where('account_id', '=', ctx.account.id).orderBy('id').execute();
  return rows.map(toAddress);
}

/** The address a ticket's mail goes out from: the default one, else the first. */
export async function outgoingAddress(ctx: Ctx): Promise<RecipientAddress | null> {
  const all = await listAddresses(ctx);
  return all.find((a) => a.isDefault) ?? all[0] ?? null;
}

const addressInput = z.object({
  email,
  name: z.string().trim().min(1, 'cannot be blank').max(255),
  default_group_id: idParam.nullable().optional(),
  default: z.boolean().optional(),
  /** This address's own outgoing server; null: the server-wide relay (KEFU_SMTP_URL). */
  smtp: smtpInput.nullable().optional(),
});

function present(ctx: Ctx, a: RecipientAddress) {
  return {
    url: apiUrl(ctx, `recipient_addresses/${a.id}`),
    id: a.id,
    email: a.email,
    name: a.name,
    default: a.isDefault,
    default_group_id: a.defaultGroupId,
    forwarding_status: 'verified',
    smtp: presentSmtp(a.smtp),
    created_at: isoTime(a.createdAt),
    updated_at: isoTime(a.updatedAt),
  };
}

async function getAddress(ctx: Ctx, id: number): Promise<RecipientAddress> {
  const row = await ctx.db.selectFrom('recipient_addresses').selectAll().where('account_id', '=', ctx.account.id).where('id', '=', id).executeTakeFirst();
  if (!row) {
    throw notFound();
  }
  return toAddress(row);
}

/** The address's own SMTP server, signed in to before it is saved (the stored password kept when none is given). */
async function checkedSmtp(ctx: Ctx, input: SmtpInput, id: number | null): Promise<StoredSmtp> {
  const previous = id === null ? null : readStoredSmtp((await getAddress(ctx, id)).smtp);
  try {
    const sealed = sealSmtp(ctx.config, input, previous);
    await verifySmtp(ctx.config, sealed);
    return sealed;
  } catch (error) {
    if (error instanceof SmtpProblem) {
      throw invalidField(`recipient_address.smtp.${error.field}`, error.message, 'InvalidValue');
    }
    throw error;
  }
}

export const recipientAddressRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['Email'];
  app.get('/api/v2/recipient_addresses', { config: { access: 'agent' }, schema: { tags } }, async (req) => {
    const all = await listAddresses(req.ctx);
    return { recipient_addresses: all.map((a) => present(req.ctx, a)), count: all.length };
  });
  app.get('/api/v2/recipient_addresses/:id', { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req) => ({ recipient_address: present(req.ctx, await getAddress(req.ctx, req.params.id)) }));
  const save = async (ctx: Ctx, id: number | null, input: z.infer<typeof addressInput>): Promise<number> => {
    // Signing in to the mail server happens before the transaction: never hold one across the network.
    const smtp = input.smtp === undefined ? undefined : input.smtp === null ? null : await checkedSmtp(ctx, input.smtp, id);
    return inTransaction(ctx, async (tx) => {
      if (input.default_group_id && !(await findGroup(tx, input.default_group_id))) {
        throw invalidField('recipient_address.default_group_id', msg('common.no_such_group'), 'NotFound');
      }
      if (input.email.includes('+')) {
        throw invalidField('recipient_address.email', msg('mail.no_plus_tag'), 'InvalidValue');
      }
      const now = tx.clock.now();
      const first = (await listAddresses(tx)).length === 0;
      if (input.default) {
        await tx.db.updateTable('recipient_addresses').set({ is_default: 0 }).where('account_id', '=', tx.account.id).execute();
      }
      const values = { email: input.email, name: input.name, default_group_id: input.default_group_id ?? null, ...(input.default !== undefined || first ? { is_default: input.default || first ? (1 as const) : (0 as const) } : {}), ...(smtp !== undefined ? { smtp: smtp === null ? null : JSON.stringify(smtp) } : {}), updated_at: now };
      try {
        if (id === null) {
          const row = await tx.db.insertInto('recipient_addresses').values({ account_id: tx.account.id, smtp: null, created_at: now, ...values }).returning('id').executeTakeFirstOrThrow();
          return row.id;
        }
        await tx.db.updateTable('recipient_addresses').set(values).where('account_id', '=', tx.account.id).where('id', '=', id).execute();
        return id;
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw invalidField('recipient_address.email', msg('mail.address_taken'), 'DuplicateValue');
        }
        throw error;
      }
    });
  };
  app.post('/api/v2/recipient_addresses', { config: { access: 'manage_settings' }, schema: { tags, body: z.object({ recipient_address: addressInput }) } }, async (req, reply) => {
    const id = await save(req.ctx, null, req.body.recipient_address);
    return reply.status(201).send({ recipient_address: present(req.ctx, await getAddress(req.ctx, id)) });
  });
  app.put('/api/v2/recipient_addresses/:id', { config: { access: 'manage_settings' }, schema: { tags, params: idParams, body: z.object({ recipient_address: addressInput }) } }, async (req) => {
    await getAddress(req.ctx, req.params.id);
    await save(req.ctx, req.params.id, req.body.recipient_address);
    return { recipient_address: present(req.ctx, await getAddress(req.ctx, req.params.id)) };
  });
  app.delete('/api/v2/recipient_addresses/:id', { config: { access: 'manage_settings' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await getAddress(req.ctx, req.params.id);
    await req.ctx.db.deleteFrom('recipient_addresses').where('account_id', '=', req.ctx.account.id).where('id', '=', req.params.id).execute();
    return reply.status(204).send();
  });
};
