import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../src/context.js';
import { findAccountById } from '../src/modules/accounts/repo.js';
import { MINUTE } from '../src/platform/clock.js';
import { createMailTransport, type OutgoingMail } from '../src/platform/mail/transport.js';
import { OutboxDispatcher } from '../src/platform/outbox/dispatcher.js';
import { writeOutbox } from '../src/platform/outbox/outbox.js';
import { createHelpdesk, createTestApp, type Helpdesk, type TestApp } from './support/app.js';

let t: TestApp;
let desk: Helpdesk;
const log = pino({ level: 'silent' });
const otherTopics = { 'job.run': async () => undefined, 'realtime.publish': async () => undefined, 'webhook.deliver': async () => undefined, 'sla.recompute': async () => undefined, 'automations.run': async () => undefined, 'email.process': async () => undefined };

beforeAll(async () => {
  t = await createTestApp();
  desk = await createHelpdesk(t, 'outbox');
});
afterAll(async () => {
  await t.close();
});

async function enqueue(to: string, sensitive = false): Promise<void> {
  const account = await findAccountById(t.database.db, desk.accountId);
  if (!account) {
    throw new Error('no account');
  }
  const ctx = systemCtx({ db: t.database.db, clock: t.clock, log, config: t.config, request: { ip: null, userAgent: null, origin: null } }, account);
  await writeOutbox(ctx, { topic: 'mail.send', payload: { to, subject: '测试', text: `secret link for ${to}` }, sensitive });
}

const rowsTo = (to: string) =>
  t.database.db
    .selectFrom('outbox')
    .select(['status', 'attempts', 'last_error', 'payload', 'available_at'])
    .where('payload', 'like', `%${to}%`)
    .execute();

describe('outbox', () => {
  it('retries a failing delivery with growing backoff, then marks it dead', async () => {
    let calls = 0;
    const dispatcher = new OutboxDispatcher({
      db: t.database.db,
      clock: t.clock,
      log,
      maxAttempts: 3,
      handlers: {
        'mail.send': async (mail) => {
          calls++;
          if (mail.to === 'down@example.com') {
            throw new Error('relay refused');
          }
        },
        ...otherTopics,
      },
    });
    await enqueue('down@example.com');
    expect(await dispatcher.runOnce()).toBe(1);
    let [row] = await rowsTo('down@example.com');
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'relay refused' });
    expect(row?.available_at).toBe(t.clock.now() + 5_000);
    expect(await dispatcher.runOnce()).toBe(0); // not due yet
    t.clock.advance(5_000);
    expect(await dispatcher.runOnce()).toBe(1);
    [row] = await rowsTo('down@example.com');
    expect(row?.available_at).toBe(t.clock.now() + 10_000);
    t.clock.advance(10_000);
    await dispatcher.runOnce();
    [row] = await rowsTo('down@example.com');
    expect(row).toMatchObject({ status: 'dead', attempts: 3 });
    t.clock.advance(60 * MINUTE);
    expect(await dispatcher.runOnce()).toBe(0);
    expect(calls).toBe(3);
  });

  it('delivers again a message whose dispatcher died mid-delivery, once its lease runs out', async () => {
    const delivered: string[] = [];
    const crashing = new OutboxDispatcher({
      db: t.database.db,
      clock: t.clock,
      log,
      leaseMs: 60_000,
      handlers: { 'mail.send': () => new Promise<void>(() => {}), ...otherTopics }, // hangs: the process "dies" here
    });
    await enqueue('crash@example.com');
    void crashing.runOnce();
    await new Promise((r) => setTimeout(r, 50));
    const healthy = new OutboxDispatcher({
      db: t.database.db,
      clock: t.clock,
      log,
      handlers: { 'mail.send': async (m) => void delivered.push(m.to), ...otherTopics },
    });
    expect(await healthy.runOnce()).toBe(0); // still leased
    t.clock.advance(61_000);
    expect(await healthy.runOnce()).toBe(1);
    expect(delivered).toEqual(['crash@example.com']);
  });

  it('keeps a slow delivery to itself by renewing its lease while the handler runs', async () => {
    let release = () => {};
    let calls = 0;
    const slow = new OutboxDispatcher({
      db: t.database.db,
      clock: t.clock,
      log,
      leaseMs: 300,
      handlers: {
        'mail.send': (m) => {
          calls++;
          return m.to === 'slow@example.com' ? new Promise<void>((r) => (release = r)) : Promise.resolve();
        },
        ...otherTopics,
      },
    });
    const other = new OutboxDispatcher({ db: t.database.db, clock: t.clock, log, handlers: { 'mail.send': async () => void calls++, ...otherTopics } });
    await enqueue('slow@example.com');
    const running = slow.runOnce();
    await new Promise((r) => setTimeout(r, 50));
    t.clock.advance(200);
    expect(await other.runOnce()).toBe(0);
    await new Promise((r) => setTimeout(r, 250)); // at least one renewal
    t.clock.advance(200); // past the first lease, within the renewed one
    expect(await other.runOnce()).toBe(0);
    release();
    expect(await running).toBe(1);
    t.clock.advance(10_000);
    expect(await other.runOnce()).toBe(0);
    expect(calls).toBe(1);
    expect((await rowsTo('slow@example.com'))[0]?.status).toBe('delivered');
  });

  it('forgets a sensitive payload (a password link) once delivered', async () => {
    await enqueue('reset@example.com', true);
    await t.deliverOutbox();
    const rows = await t.database.db.selectFrom('outbox').select(['payload', 'status']).where('is_sensitive', '=', 1).execute();
    expect(rows.some((r) => r.status === 'delivered' && r.payload === '{}')).toBe(true);
  });
});

describe('SMTP transport', () => {
  let server: SMTPServer;
  let port: number;
  const received: { from: string; to: string[]; data: string }[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
      onRcptTo(address, _session, callback) {
        if (address.address.endsWith('@rejected.example.com')) {
          callback(new Error('550 no such mailbox'));
          return;
        }
        callback();
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends an invitation through a real SMTP server, in UTF-8 Chinese', async () => {
    const transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, from: '云帆客服 <support@yunfan.example.com>', dataDir: t.database.dataDir, log });
    const mail: OutgoingMail = { to: 'wangfang@example.com', subject: '邀请您加入客服团队', text: '王芳，您好：请设置密码。' };
    await transport.send(mail);
    expect(received).toHaveLength(1);
    expect(received[0]?.to).toEqual(['wangfang@example.com']);
    expect(received[0]?.from).toBe('support@yunfan.example.com');
    expect(received[0]?.data).toMatch(/Subject: =\?UTF-8\?/);
    await expect(transport.send({ ...mail, to: 'x@rejected.example.com' })).rejects.toThrow(/550|mailbox/);
    transport.close();
  });
});
