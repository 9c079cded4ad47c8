import { ImapFlow } from 'imapflow';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailboxSupervisor, type WatchOptions } from '../src/modules/email/imap-watcher.js';
import { rawMailStorage } from '../src/modules/email/receive.js';
import { isReachableAddress } from '../src/platform/net/public-address.js';
import { createHelpdesk, createTestApp, type Helpdesk, type TestApp } from './support/app.js';
import { Dovecot, dovecotMissing } from './support/dovecot.js';

const missing = dovecotMissing();
if (missing) {
  process.stdout.write(`email-imap.test.ts skipped: ${missing}\n`);
}

const USER = 'support@corp.example';
const PASS = 'app-pass-123';
const log = pino({ level: 'silent' });
let dovecot: Dovecot;
let t: TestApp;
let desk: Helpdesk;
let addressId: number;
let mailboxId: number;

/** The customer's side: mail lands in the mailbox as a mail server would put it there. */
async function deliver(subject: string, options: { seen?: boolean; body?: string; messageId?: string } = {}): Promise<void> {
  const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: USER, pass: PASS }, logger: false });
  await client.connect();
  const id = options.messageId ?? `<${Math.random().toString(36).slice(2)}@customer.example.com>`;
  const raw = `From: =?UTF-8?B?${Buffer.from('王芳').toString('base64')}?= <wangfang@customer.example.com>\r\nTo: ${USER}\r\nSubject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=\r\nMessage-ID: ${id}\r\nDate: Tue, 01 Dec 2026 10:00:00 +0800\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${options.body ?? '您好，请帮我看一下这个问题。'}\r\n`;
  // Read mail is old history: it arrived months ago.
  await client.append('INBOX', raw, options.seen ? ['\\Seen'] : [], options.seen ? new Date('2026-06-01T02:00:00Z') : undefined);
  await client.logout();
}

const ticketsWith = async (subject: string) => (await t.database.db.selectFrom('tickets').select(['id', 'subject']).where('subject', '=', subject).execute()).length;

async function eventually(what: string, test: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    await t.drainOutbox();
    if (await test()) {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const row = await t.database.db.selectFrom('mailboxes').select(['state', 'last_error', 'last_uid']).executeTakeFirst();
  throw new Error(`timed out waiting for ${what}; mailbox ${JSON.stringify(row)}`);
}

const mailbox = () => t.database.db.selectFrom('mailboxes').selectAll().where('id', '=', mailboxId).executeTakeFirstOrThrow();

function supervisor(options: Partial<WatchOptions> = {}, maxBytes = 1_000_000): MailboxSupervisor {
  return new MailboxSupervisor(
    { db: t.database.db, clock: t.clock, blobs: rawMailStorage(t.config), log, maxBytes, config: t.config },
    { scanMs: 200, checkMs: 60_000, checkTimeoutMs: 1_000, backoffMs: [100, 500], leaseMs: 60_000, ...options },
  );
}

describe.skipIf(missing !== null)('IMAP mailboxes against a real Dovecot', () => {
  beforeAll(async () => {
    dovecot = await Dovecot.start({ [USER]: PASS });
    t = await createTestApp({ KEFU_ALLOW_PRIVATE_CIDRS: '127.0.0.1/32' });
    desk = await createHelpdesk(t, 'imapdesk');
    const res = await desk.owner.post('/api/v2/recipient_addresses', { recipient_address: { email: USER, name: '企业客服' } });
    expect(res.statusCode, res.body).toBe(201);
    addressId = res.json<{ recipient_address: { id: number } }>().recipient_address.id;
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await dovecot?.stop();
  });

  it('refuses, by field, a wrong password, a Sent folder, a missing folder and an unknown address; never shows the password', async () => {
    const base = { recipient_address_id: addressId, host: '127.0.0.1', port: dovecot.port, secure: false, username: USER, password: PASS };
    const wrong = await desk.owner.post('/api/v2/mailboxes', { mailbox: { ...base, password: 'nope' } });
    expect(wrong.statusCode).toBe(422);
    expect(Object.keys(wrong.json<{ details: object }>().details)).toEqual(['mailbox.password']);
    const sent = await desk.owner.post('/api/v2/mailboxes', { mailbox: { ...base, folder: 'Sent' } });
    expect(sent.statusCode).toBe(422);
    expect(sent.json<{ details: Record<string, { description: string }[]> }>().details['mailbox.folder']?.[0]?.description).toMatch(/Sent/);
    const none = await desk.owner.post('/api/v2/mailboxes', { mailbox: { ...base, folder: '不存在' } });
    expect(Object.keys(none.json<{ details: object }>().details)).toEqual(['mailbox.folder']);
    const address = await desk.owner.post('/api/v2/mailboxes', { mailbox: { ...base, recipient_address_id: 999_999 } });
    expect(Object.keys(address.json<{ details: object }>().details)).toEqual(['mailbox.recipient_address_id']);
    const port = await desk.owner.post('/api/v2/mailboxes', { mailbox: { ...base, port: 70_000 } });
    expect(port.statusCode).toBe(422);
    expect(port.body).toContain('port');
    expect(await t.database.db.selectFrom('mailboxes').select('id').execute()).toHaveLength(0);
  });

  it('takes the unread mail waiting in the mailbox on first connect, not the read history', async () => {
    await deliver('已读的旧邮件', { seen: true });
    await deliver('等待处理的未读邮件');
    const res = await desk.owner.post('/api/v2/mailboxes', { mailbox: { recipient_address_id: addressId, host: '127.0.0.1', port: dovecot.port, secure: false, username: USER, password: PASS } });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<{ mailbox: { id: number; password?: string; state: string } }>().mailbox;
    mailboxId = created.id;
    expect(created.password).toBeUndefined();
    expect(JSON.stringify(await mailbox())).not.toContain(PASS);

    const watch = supervisor();
    watch.start();
    try {
      await eventually('the unread mail to become a ticket', async () => (await ticketsWith('等待处理的未读邮件')) === 1);
      expect(await ticketsWith('已读的旧邮件')).toBe(0);
      await eventually('the watcher to settle in IDLE', async () => (await mailbox()).state === 'idle');
      const row = await mailbox();
      expect(row.uid_validity).not.toBeNull();
      expect(row.last_uid).toBe(2);
      expect(row.lease_owner).not.toBeNull();

      // With the watchdog a minute away, only IDLE can bring this one in.
      await deliver('IDLE 推送的新邮件');
      await eventually('IDLE to bring the new mail', async () => (await ticketsWith('IDLE 推送的新邮件')) === 1, 10_000);
      expect((await mailbox()).last_uid).toBe(3);
    } finally {
      await watch.stop();
    }
    expect((await mailbox()).lease_owner).toBeNull();
  });

  it('reconnects after the server restarts, and after a connection that goes silent', async () => {
    // The row still says "idle" from the last watcher: only this one's connection may satisfy the wait.
    await t.database.db.updateTable('mailboxes').set({ state: 'connecting', last_error: null }).where('id', '=', mailboxId).execute();
    const watch = supervisor({ checkMs: 700 });
    watch.start();
    try {
      await eventually('the watcher to connect', async () => (await mailbox()).state === 'idle');
      await dovecot.down();
      try {
        await eventually('the mailbox to show the lost connection', async () => (await mailbox()).state === 'error');
      } catch (error) {
        await dovecot.up(); // so that one failure does not fail the tests after it
        throw error;
      }
      expect((await mailbox()).last_error).toBeTruthy();
      await dovecot.up();
      await deliver('服务器重启后的邮件');
      await eventually('the mail sent after the restart', async () => (await ticketsWith('服务器重启后的邮件')) === 1);

      // The server's session for our connection freezes: no close, no answer (a dead NAT, say).
      await eventually('the watcher to be back in IDLE', async () => (await mailbox()).state === 'idle');
      const frozen = dovecot.sessionPids();
      expect(frozen.length).toBeGreaterThan(0);
      for (const pid of frozen) {
        process.kill(pid, 'SIGSTOP');
      }
      try {
        await deliver('连接假死后的邮件');
        await eventually('the watchdog to reconnect and take the mail', async () => (await ticketsWith('连接假死后的邮件')) === 1);
      } finally {
        for (const pid of frozen) {
          process.kill(pid, 'SIGCONT');
        }
      }
    } finally {
      await watch.stop();
    }
  }, 60_000);

  it('imports nothing twice when the checkpoint is lost or the server renumbers the folder, and quarantines what is too big without stalling', async () => {
    const before = await t.database.db.selectFrom('tickets').select('id').execute();
    // As if the process died after storing two mails but before moving the checkpoint past them.
    await t.database.db.updateTable('mailboxes').set({ last_uid: (await mailbox()).last_uid! - 2 }).where('id', '=', mailboxId).execute();
    let watch = supervisor({}, 4_000);
    watch.start();
    try {
      await deliver('太大的邮件', { body: '大'.repeat(3000) });
      await deliver('大邮件之后的邮件');
      await eventually('the mail after the big one', async () => (await ticketsWith('大邮件之后的邮件')) === 1);
      const big = await t.database.db.selectFrom('inbound_emails').selectAll().where('subject', '=', '太大的邮件').executeTakeFirstOrThrow();
      expect(big.status).toBe('quarantined');
      expect(big.reason).toMatch(/4000 byte limit/);
      const listed = await desk.owner.get('/api/v2/suspended_tickets');
      expect(listed.body).toContain('太大的邮件');
    } finally {
      await watch.stop();
    }
    const after = await t.database.db.selectFrom('tickets').select('id').execute();
    expect(after.length).toBe(before.length + 1);

    // A new UIDVALIDITY: the folder is looked at again from shortly before the last sync.
    await t.database.db.updateTable('mailboxes').set({ uid_validity: '1' }).where('id', '=', mailboxId).execute();
    watch = supervisor();
    watch.start();
    try {
      await eventually('the renumbered folder to be synced', async () => (await mailbox()).uid_validity !== '1');
      await t.drainOutbox();
      expect((await t.database.db.selectFrom('tickets').select('id').execute()).length).toBe(after.length);
    } finally {
      await watch.stop();
    }
  }, 60_000);

  it('is watched by one process at a time; the other takes over when the holder stops renewing', async () => {
    const a = supervisor({ leaseMs: 5_000 });
    const b = supervisor({ leaseMs: 5_000 });
    a.start();
    await eventually('a to hold the mailbox', async () => (await mailbox()).lease_owner !== null);
    const holder = (await mailbox()).lease_owner;
    b.start();
    await new Promise((r) => setTimeout(r, 600));
    expect((await mailbox()).lease_owner).toBe(holder);
    // a "dies": it stops without releasing; b takes over once the lease has run out.
    await a.stop();
    await t.database.db.updateTable('mailboxes').set({ lease_owner: holder, lease_until: t.clock.now() + 5_000 }).where('id', '=', mailboxId).execute();
    await new Promise((r) => setTimeout(r, 500));
    expect((await mailbox()).lease_owner).toBe(holder);
    t.clock.advance(6_000);
    await eventually('b to take the mailbox', async () => ![null, holder].includes((await mailbox()).lease_owner));
    await deliver('接管后的邮件');
    await eventually('b to import', async () => (await ticketsWith('接管后的邮件')) === 1);
    await b.stop();
  }, 60_000);

  it('disabling a mailbox lets it go; deleting the support address deletes its mailboxes', async () => {
    // The stored password is never sent to a new host: pointing the mailbox elsewhere needs it again.
    const moved = await desk.owner.put(`/api/v2/mailboxes/${mailboxId}`, { mailbox: { host: 'imap.attacker.example.com' } });
    expect(moved.statusCode).toBe(422);
    expect(Object.keys(moved.json<{ details: object }>().details)).toEqual(['mailbox.password']);
    const off = await desk.owner.put(`/api/v2/mailboxes/${mailboxId}`, { mailbox: { active: false } });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json<{ mailbox: { state: string; port: number; secure: boolean; folder: string } }>().mailbox).toMatchObject({ state: 'disabled', port: dovecot.port, secure: false, folder: 'INBOX' });
    const watch = supervisor();
    watch.start();
    await new Promise((r) => setTimeout(r, 400));
    expect((await mailbox()).lease_owner).toBeNull();
    await watch.stop();
    expect((await desk.owner.delete(`/api/v2/recipient_addresses/${addressId}`)).statusCode).toBe(204);
    expect(await t.database.db.selectFrom('mailboxes').select('id').execute()).toHaveLength(0);
  });
});

describe('admin-given hosts', () => {
  it('are refused when private, loopback or link-local, unless allowed', () => {
    expect(isReachableAddress('8.8.8.8', [])).toBe(true);
    expect(isReachableAddress('127.0.0.1', [])).toBe(false);
    expect(isReachableAddress('10.1.2.3', [])).toBe(false);
    expect(isReachableAddress('169.254.169.254', [])).toBe(false);
    expect(isReachableAddress('::ffff:127.0.0.1', [])).toBe(false);
    expect(isReachableAddress('::1', [])).toBe(false);
    expect(isReachableAddress('10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(isReachableAddress('127.0.0.1', ['127.0.0.1'])).toBe(true);
  });
});
