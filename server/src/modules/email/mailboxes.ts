import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.js';
import { isUniqueViolation } from '../../db/helpers.js';
import type { MailboxesTable } from '../../db/schema.js';
import { isoTime } from '../../platform/clock.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { apiUrl } from '../../platform/http/urls.js';
import { sealSecret } from '../../platform/secrets.js';
import { hostName, idParam, idParams } from '../shared/fields.js';
import { MAILBOX_SECRET, MailboxProblem, sealedSettings, verifyMailbox } from './imap-connect.js';
import { msg } from '../../platform/messages.js';

const mailboxFields = {
  recipient_address_id: idParam,
  host: hostName,
  port: z.number().int().min(1).max(65535).default(993),
  /** TLS from the first byte (993); false: STARTTLS (143), required unless the server is on an allowed private network. */
  secure: z.boolean().default(true),
  username: z.string().trim().min(1, 'cannot be blank').max(320),
  /** An app password (授权码) for QQ, 163/126, Aliyun and Tencent Exmail. Write-only. */
  password: z.string().min(1, 'cannot be blank').max(1000),
  folder: z.string().trim().min(1).max(500).default('INBOX'),
  active: z.boolean().default(true),
};
const createInput = z.strictObject(mailboxFields);
// An update names only what changes: no defaults here, or leaving out "port" would reset it.
const updateInput = z
  .strictObject({
    recipient_address_id: idParam,
    host: hostName,
    port: z.number().int().min(1).max(65535),
    secure: z.boolean(),
    username: mailboxFields.username,
    password: mailboxFields.password,
    folder: z.string().trim().min(1).max(500),
    active: z.boolean(),
  })
  .partial();

type Row = Omit<MailboxesTable, 'id'> & { id: number };

function present(ctx: Ctx, m: Row) {
  return {
    url: apiUrl(ctx, `mailboxes/${m.id}`),
    id: m.id,
    recipient_address_id: m.recipient_address_id,
    host: m.host,
    port: m.port,
    secure: m.secure === 1,
    username: m.username,
    folder: m.folder,
    active: m.active === 1,
    state: m.state,
    last_error: m.last_error,
    last_error_at: m.last_error_at === null ? null : isoTime(m.last_error_at),
    last_synced_at: m.last_synced_at === null ? null : isoTime(m.last_synced_at),
    created_at: isoTime(m.created_at),
    updated_at: isoTime(m.updated_at),
  };
}

async function getMailbox(ctx: Ctx, id: number): Promise<Row> {
  const row = await ctx.db.selectFrom('mailboxes').selectAll().where('account_id', '=', ctx.account.id).where('id', '=', id).executeTakeFirst();
  if (!row) {
    throw notFound();
  }
  return row;
}

/** Signs in before saving, so a wrong password or a Sent folder is told now, by field. */
async function verifyOrExplain(ctx: Ctx, settings: Parameters<typeof verifyMailbox>[0]): Promise<void> {
  try {
    await verifyMailbox(settings, { config: ctx.config, log: ctx.log });
  } catch (error) {
    if (error instanceof MailboxProblem) {
      throw invalidField(`mailbox.${error.field}`, error.message, 'InvalidValue');
    }
    throw error;
  }
}

async function checkAddress(ctx: Ctx, addressId: number): Promise<void> {
  const found = await ctx.db.selectFrom('recipient_addresses').select('id').where('account_id', '=', ctx.account.id).where('id', '=', addressId).executeTakeFirst();
  if (!found) {
    throw invalidField('mailbox.recipient_address_id', msg('mail.no_such_address'), 'NotFound');
  }
}

const duplicate = () => invalidField('mailbox.folder', msg('mail.folder_taken'), 'DuplicateValue');

/** External IMAP mailboxes (腾讯企业邮, 阿里邮箱, 网易…) Kefu imports mail from, for a support address. */
export const mailboxRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['Email'];
  const access = 'manage_settings';
  app.get('/api/v2/mailboxes', { config: { access }, schema: { tags } }, async (req) => {
    const rows = await req.ctx.db.selectFrom('mailboxes').selectAll().where('account_id', '=', req.ctx.account.id).orderBy('id').execute();
    return { mailboxes: rows.map((r) => present(req.ctx, r)), count: rows.length };
  });
  app.get('/api/v2/mailboxes/:id', { config: { access }, schema: { tags, params: idParams } }, async (req) => ({ mailbox: present(req.ctx, await getMailbox(req.ctx, req.params.id)) }));

  app.post('/api/v2/mailboxes', { config: { access }, schema: { tags, body: z.object({ mailbox: createInput }) } }, async (req, reply) => {
    const ctx = req.ctx;
    const input = req.body.mailbox;
    await checkAddress(ctx, input.recipient_address_id);
    const secure = input.secure ? (1 as const) : (0 as const);
    if (input.active) {
      await verifyOrExplain(ctx, { host: input.host, port: input.port, secure, username: input.username, password: input.password, folder: input.folder });
    }
    const now = ctx.clock.now();
    try {
      const row = await ctx.db
        .insertInto('mailboxes')
        .values({ account_id: ctx.account.id, recipient_address_id: input.recipient_address_id, host: input.host, port: input.port, secure, username: input.username, password: sealSecret(ctx.config.secretKey, MAILBOX_SECRET, input.password), folder: input.folder, active: input.active ? 1 : 0, uid_validity: null, last_uid: null, last_synced_at: null, state: input.active ? 'connecting' : 'disabled', last_error: null, last_error_at: null, lease_owner: null, lease_until: null, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return reply.status(201).send({ mailbox: present(ctx, await getMailbox(ctx, row.id)) });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw duplicate();
      }
      throw error;
    }
  });

  app.put('/api/v2/mailboxes/:id', { config: { access }, schema: { tags, params: idParams, body: z.object({ mailbox: updateInput }) } }, async (req) => {
    const ctx = req.ctx;
    const before = await getMailbox(ctx, req.params.id);
    const input = req.body.mailbox;
    if (input.recipient_address_id !== undefined) {
      await checkAddress(ctx, input.recipient_address_id);
    }
    // The stored password goes only to the server and account it was given for: sending it
    // to a new host would hand it to whoever runs that host.
    const retargeted = (input.host !== undefined && input.host !== before.host) || (input.port !== undefined && input.port !== before.port) || (input.username !== undefined && input.username !== before.username);
    if (retargeted && input.password === undefined) {
      throw invalidField('mailbox.password', msg('mail.password_again'), 'Required');
    }
    const old = sealedSettings(ctx.config, before);
    const next = {
      host: input.host ?? before.host,
      port: input.port ?? before.port,
      secure: input.secure === undefined ? before.secure : input.secure ? (1 as const) : (0 as const),
      username: input.username ?? before.username,
      password: input.password ?? old.password,
      folder: input.folder ?? before.folder,
    };
    const active = input.active ?? before.active === 1;
    if (active) {
      await verifyOrExplain(ctx, next);
    }
    // Another server, account or folder is another UID sequence: start its checkpoint afresh.
    const moved = next.host !== before.host || next.username !== before.username || next.folder !== before.folder;
    try {
      await ctx.db
        .updateTable('mailboxes')
        .set({
          ...next,
          password: sealSecret(ctx.config.secretKey, MAILBOX_SECRET, next.password),
          recipient_address_id: input.recipient_address_id ?? before.recipient_address_id,
          active: active ? 1 : 0,
          state: active ? 'connecting' : 'disabled',
          ...(moved ? { uid_validity: null, last_uid: null, last_synced_at: null } : {}),
          updated_at: Math.max(ctx.clock.now(), before.updated_at + 1),
        })
        .where('account_id', '=', ctx.account.id)
        .where('id', '=', before.id)
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw duplicate();
      }
      throw error;
    }
    return { mailbox: present(ctx, await getMailbox(ctx, before.id)) };
  });

  app.delete('/api/v2/mailboxes/:id', { config: { access }, schema: { tags, params: idParams } }, async (req, reply) => {
    await getMailbox(req.ctx, req.params.id);
    await req.ctx.db.deleteFrom('mailboxes').where('account_id', '=', req.ctx.account.id).where('id', '=', req.params.id).execute();
    return reply.status(204).send();
  });
};
