import { type ChildProcess, spawn } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHelpdesk, createTestApp, type TestApp } from './support/app.js';

const root = path.resolve(import.meta.dirname, '../..');
let t: TestApp;
let child: ChildProcess | null = null;
let smtpPort = 0;
let httpPort = 0;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function startKefu(): Promise<void> {
  child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/main.ts'), 'serve'], {
    cwd: root,
    stdio: 'ignore',
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: t.database.dataDir,
      SECRET_KEY: t.config.secretKey,
      KEFU_BASE_DOMAIN: 'kefu.test',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      PORT: String(httpPort),
      SMTP_PORT: String(smtpPort),
      ...(t.database.databaseUrl ? { DATABASE_URL: t.database.databaseUrl } : {}),
    },
  });
  for (let i = 0; i < 300; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(smtpPort, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('kefu serve did not open its SMTP port');
}

function kill(): Promise<void> {
  const c = child;
  child = null;
  if (!c || c.exitCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    c.once('exit', () => resolve());
    c.kill('SIGKILL');
  });
}

const count = async (table: 'tickets' | 'inbound_emails', subject: string) =>
  table === 'tickets'
    ? Number((await t.database.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where('subject', '=', subject).executeTakeFirst())?.n ?? 0)
    : Number((await t.database.db.selectFrom('inbound_emails').select((eb) => eb.fn.countAll<number>().as('n')).where('subject', '=', subject).where('status', '=', 'processed').executeTakeFirst())?.n ?? 0);

beforeAll(async () => {
  t = await createTestApp();
  const desk = await createHelpdesk(t, 'crash');
  expect((await desk.owner.post('/api/v2/recipient_addresses', { recipient_address: { email: 'help@crash.test', name: '客服' } })).statusCode).toBe(201);
  smtpPort = await freePort();
  httpPort = await freePort();
});
afterAll(async () => {
  await kill();
  await t.close();
});

describe('a crash right after SMTP answers 250', () => {
  it('loses nothing and processes the mail exactly once after a restart, even when the sender retries', { timeout: 90_000 }, async () => {
    await startKefu();
    const mail = { from: '"韩梅" <hanmei@customer.example.com>', to: 'help@crash.test', subject: '崩溃测试：订单未到', text: '我的订单还没到。', messageId: '<crash-001@customer.example.com>' };
    const mailer = () => nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    // The moment 250 arrives, the process dies, most likely before it has processed anything.
    await mailer().sendMail(mail);
    await kill();
    // Stored before the 250: the row is there whether or not it was processed yet.
    const kept = await t.database.db.selectFrom('inbound_emails').select('status').where('message_id', '=', mail.messageId).execute();
    expect(kept).toHaveLength(1);

    // A job the dead process had claimed is free again once its short lease runs out.
    await startKefu();
    for (let i = 0; i < 300 && (await count('tickets', mail.subject)) === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await count('tickets', mail.subject)).toBe(1);
    // The sending server never saw our 250 (say) and delivers again: still one ticket.
    await mailer().sendMail(mail);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await count('tickets', mail.subject)).toBe(1);
    expect(await count('inbound_emails', mail.subject)).toBe(1);
    await kill();
  });
});
