import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { pino } from 'pino';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboundSmtp } from '../src/modules/email/smtp-inbound.js';
import { rawMailStorage } from '../src/modules/email/receive.js';
import { outboxHandlers } from '../src/outbox-handlers.js';
import { createMailTransport } from '../src/platform/mail/transport.js';
import { OutboxDispatcher } from '../src/platform/outbox/dispatcher.js';
import { InProcessBus } from '../src/platform/realtime/bus.js';
import { type Client, createHelpdesk, createTestApp, createUser, type Helpdesk, type TestApp } from './support/app.js';

const log = pino({ level: 'silent' });
let t: TestApp;
let desk: Helpdesk;
let agent: { id: number; client: Client };
let groupId: number;
let kefuSmtp: ReturnType<typeof createInboundSmtp>;
let kefuPort: number;
let capture: SMTPServer;
let captured: { to: string[]; raw: Buffer }[];
let dispatcher: OutboxDispatcher;

/** Delivers the outbox through a real SMTP relay (the capturing server), until nothing is due. */
async function deliver(): Promise<void> {
  while ((await dispatcher.runOnce()) > 0) {
    // keep going
  }
}

function customerMailer() {
  return nodemailer.createTransport({ host: '127.0.0.1', port: kefuPort, secure: false, ignoreTLS: true });
}

type Ticket = { id: number; subject: string; status: string; requester_id: number; group_id: number | null; collaborator_ids: number[]; via: { channel: string; source: { rel: string } } };

beforeAll(async () => {
  t = await createTestApp({ KEFU_ALLOW_PRIVATE_CIDRS: '127.0.0.1/32' });
  desk = await createHelpdesk(t, 'mailbox');
  groupId = (await desk.owner.post('/api/v2/groups', { group: { name: '邮件组' } })).json<{ group: { id: number } }>().group.id;
  agent = await createUser(desk, { name: '刘洋', email: 'liuyang@mailbox.example.com', role: 'agent', group_ids: [groupId] });
  const address = await desk.owner.post('/api/v2/recipient_addresses', { recipient_address: { email: 'support@mailbox.test', name: '云帆客服', default_group_id: groupId } });
  expect(address.statusCode, address.body).toBe(201);

  kefuSmtp = createInboundSmtp({ db: t.database.db, clock: t.clock, blobs: rawMailStorage(t.config), log }, { maxBytes: 200_000 });
  await new Promise<void>((r) => kefuSmtp.listen(0, '127.0.0.1', r));
  kefuPort = (kefuSmtp.server.address() as AddressInfo).port;

  captured = [];
  capture = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        captured.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  await new Promise<void>((r) => capture.listen(0, '127.0.0.1', r));
  const capturePort = (capture.server.address() as AddressInfo).port;
  dispatcher = new OutboxDispatcher({
    db: t.database.db,
    clock: t.clock,
    log,
    handlers: outboxHandlers({ db: t.database.db, clock: t.clock, log, config: t.config, bus: new InProcessBus(), mail: createMailTransport({ smtpUrl: `smtp://127.0.0.1:${capturePort}`, from: 'Kefu <no-reply@mailbox.test>', dataDir: t.config.dataDir, log }) }),
  });
  await deliver();
  captured.length = 0;
});
afterAll(async () => {
  await new Promise<void>((r) => kefuSmtp.close(() => r()));
  await new Promise<void>((r) => capture.close(() => r()));
  await t.close();
});

async function latestTicket(): Promise<Ticket> {
  const list = (await agent.client.get('/api/v2/tickets?sort_order=desc')).json<{ tickets: Ticket[] }>().tickets;
  return list.reduce((a, b) => (b.id > a.id ? b : a));
}

describe('email end to end over real SMTP', () => {
  it('turns a customer’s mail into a ticket, acknowledges it with threading headers, threads the reply, and mails the agent’s answer', async () => {
    await customerMailer().sendMail({
      from: '"周敏" <zhoumin@customer.example.com>',
      to: 'support@mailbox.test',
      cc: 'boss@customer.example.com',
      subject: '发票开错了',
      text: '你好，我的发票抬头开错了，请重开。',
      messageId: '<first-001@customer.example.com>',
    });
    await deliver();
    const ticket = await latestTicket();
    expect(ticket).toMatchObject({ subject: '发票开错了', group_id: groupId });
    expect(ticket.via.channel).toBe('email');
    expect(ticket.collaborator_ids).toHaveLength(1);

    // The acknowledgement went out through SMTP to the customer, threaded to their mail.
    const ackRaw = captured.find((c) => c.to.includes('zhoumin@customer.example.com'));
    expect(ackRaw).toBeDefined();
    const ack = await simpleParser(ackRaw?.raw ?? Buffer.alloc(0));
    expect(ack.inReplyTo).toBe('<first-001@customer.example.com>');
    expect(ack.headers.get('auto-submitted')).toBe('auto-generated');
    expect(ack.from?.value[0]?.address).toBe('support@mailbox.test');
    const replyTo = ack.replyTo?.value[0]?.address ?? '';
    expect(replyTo).toMatch(new RegExp(`^support\\+t${ticket.id}-[a-z0-9]+@mailbox\\.test$`));
    expect(ack.text).toContain('请在此行上方回复');

    // The customer answers the acknowledgement from QQ Mail, history quoted below.
    captured.length = 0;
    await customerMailer().sendMail({
      from: '"周敏" <zhoumin@customer.example.com>',
      to: replyTo,
      subject: `Re: ${ack.subject ?? ''}`,
      text: '抬头应为：云帆科技有限公司\n\n------------------ 原始邮件 ------------------\n发件人: "云帆客服"<support@mailbox.test>\n我们已收到您的请求',
      messageId: '<reply-002@customer.example.com>',
      inReplyTo: ack.messageId ?? '',
      references: [ack.messageId ?? ''],
    });
    await deliver();
    expect((await latestTicket()).id).toBe(ticket.id);
    const comments = (await agent.client.get(`/api/v2/tickets/${ticket.id}/comments`)).json<{ comments: { body: string; author_id: number }[] }>().comments;
    expect(comments.at(-1)?.body).toBe('抬头应为：云帆科技有限公司');
    const inbound = (await t.database.db.selectFrom('inbound_emails').select(['message_id', 'thread_reason']).where('message_id', '=', '<reply-002@customer.example.com>').executeTakeFirst());
    expect(JSON.parse(inbound?.thread_reason ?? '{}')).toMatchObject({ by: 'header', header: 'In-Reply-To' });
    // Agents see why it threaded there, in the ticket's audit.
    const audits = (await agent.client.get(`/api/v2/tickets/${ticket.id}/audits`)).json<{ audits: { via: { source: { rel: string; thread?: { by: string; header: string; message_id: string } } } }[] }>().audits;
    expect(audits.at(-1)?.via.source.thread).toEqual({ by: 'header', header: 'In-Reply-To', message_id: ack.messageId });

    // The agent answers in Kefu; the answer goes to the customer and the CC, threaded.
    captured.length = 0;
    expect((await agent.client.put(`/api/v2/tickets/${ticket.id}`, { ticket: { comment: { body: '已为您重开发票。' } } })).statusCode).toBe(200);
    await deliver();
    const answered = captured.filter((c) => c.to.includes('zhoumin@customer.example.com') || c.to.includes('boss@customer.example.com'));
    expect(answered.length).toBe(2);
    const answer = await simpleParser(answered[0]?.raw ?? Buffer.alloc(0));
    expect(answer.text).toContain('已为您重开发票。');
    expect(answer.inReplyTo).toBe('<reply-002@customer.example.com>');
    expect(answer.references).toEqual(expect.arrayContaining(['<first-001@customer.example.com>', '<reply-002@customer.example.com>']));

    // The same message delivered again (or to a second address) makes nothing new.
    const before = (await latestTicket()).id;
    await customerMailer().sendMail({ from: 'zhoumin@customer.example.com', to: 'support@mailbox.test', subject: '发票开错了', text: '重复投递', messageId: '<first-001@customer.example.com>' });
    await deliver();
    expect((await latestTicket()).id).toBe(before);
  });

  it('refuses unknown recipients at RCPT and oversize messages with 552, keeping nothing', async () => {
    await expect(customerMailer().sendMail({ from: 'a@customer.example.com', to: 'nobody@mailbox.test', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
    const count = async () => Number((await t.database.db.selectFrom('inbound_emails').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    const before = await count();
    await expect(customerMailer().sendMail({ from: 'a@customer.example.com', to: 'support@mailbox.test', subject: 'big', text: 'x'.repeat(300_000) })).rejects.toMatchObject({ responseCode: 552 });
    expect(await count()).toBe(before);
  });

  it('holds an auto-reply storm: 100 auto-replies make no ticket and send nothing back', async () => {
    const tickets = (await latestTicket()).id;
    captured.length = 0;
    const mailer = customerMailer();
    for (let i = 0; i < 100; i++) {
      await mailer.sendMail({ from: 'ooo@customer.example.com', to: 'support@mailbox.test', subject: `自动回复：我正在休假 ${i}`, text: '我正在休假，10月8日回来。', headers: { 'Auto-Submitted': 'auto-replied' } });
    }
    await deliver();
    expect((await latestTicket()).id).toBe(tickets);
    expect(captured).toHaveLength(0);
    const held = (await agent.client.get('/api/v2/suspended_tickets')).json<{ suspended_tickets: { cause: string; author: { email: string } }[] }>().suspended_tickets;
    expect(held.filter((h) => h.author.email === 'ooo@customer.example.com').length).toBeGreaterThanOrEqual(100 - 1);
    expect(held[0]?.cause).toMatch(/Auto-Submitted/);
  });

  it('never threads a forged In-Reply-To into another helpdesk’s ticket, and releases held mail on request', async () => {
    const other = await createHelpdesk(t, 'other', { firstRun: false }).catch(() => null);
    void other;
    const tickets = (await latestTicket()).id;
    await customerMailer().sendMail({ from: 'mallory@evil.example.com', to: 'support@mailbox.test', subject: 'Re: 你的工单', text: '试图插入', inReplyTo: '<k999.t1.abc@elsewhere.test>', references: ['<k999.t1.abc@elsewhere.test>'] });
    await deliver();
    const newest = await latestTicket();
    expect(newest.id).toBe(tickets + 1);
    expect(newest.via.source.rel).toBe('new_ticket');

    const held = (await agent.client.get('/api/v2/suspended_tickets')).json<{ suspended_tickets: { id: number }[] }>().suspended_tickets;
    const first = held.at(-1);
    expect((await agent.client.put(`/api/v2/suspended_tickets/${first?.id ?? 0}/recover`)).statusCode).toBe(200);
    await deliver();
    expect((await latestTicket()).id).toBe(tickets + 2);
  });

  it('maps a bounce back to the ticket whose mail bounced: an internal note, no reopening, no mail to that address until they write again', async () => {
    captured.length = 0;
    await customerMailer().sendMail({ from: '"孙丽" <sunli@gone.example.com>', to: 'support@mailbox.test', subject: '退信测试：账号无法登录', text: '登录时提示密码错误。', messageId: '<bounce-case-001@gone.example.com>' });
    await deliver();
    const ticket = await latestTicket();
    expect(ticket.subject).toBe('退信测试：账号无法登录');
    const ack = await simpleParser(captured.find((c) => c.to.includes('sunli@gone.example.com'))?.raw ?? Buffer.alloc(0));
    expect(ack.messageId).toBeTruthy();
    const statusBefore = (await agent.client.get(`/api/v2/tickets/${ticket.id}`)).json<{ ticket: { status: string } }>().ticket.status;

    // The customer's server gives up on the acknowledgement: a Postfix-style RFC 3464 report.
    captured.length = 0;
    const boundary = 'dsn-boundary-1';
    const dsn = [
      'From: MAILER-DAEMON@mx.gone.example.com (Mail Delivery System)',
      'To: support@mailbox.test',
      'Subject: Undelivered Mail Returned to Sender',
      'Auto-Submitted: auto-replied',
      'Message-ID: <dsn-0001@mx.gone.example.com>',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
      'MIME-Version: 1.0',
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'I\'m sorry to have to inform you that your message could not be delivered.',
      '',
      `--${boundary}`,
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.gone.example.com',
      '',
      'Final-Recipient: rfc822; sunli@gone.example.com',
      'Original-Recipient: rfc822;sunli@gone.example.com',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 <sunli@gone.example.com>: Recipient address rejected: User unknown',
      '',
      `--${boundary}`,
      'Content-Type: text/rfc822-headers',
      '',
      'From: support@mailbox.test',
      'To: sunli@gone.example.com',
      `Subject: ${ack.subject ?? ''}`,
      `Message-ID: ${ack.messageId ?? ''}`,
      '',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    await customerMailer().sendMail({ envelope: { from: '', to: ['support@mailbox.test'] }, raw: dsn });
    await deliver();
    expect((await latestTicket()).id).toBe(ticket.id); // no new ticket
    const after = (await agent.client.get(`/api/v2/tickets/${ticket.id}`)).json<{ ticket: { status: string } }>().ticket;
    expect(after.status).toBe(statusBefore);
    const comments = (await agent.client.get(`/api/v2/tickets/${ticket.id}/comments`)).json<{ comments: { body: string; public: boolean }[] }>().comments;
    const note = comments.at(-1);
    expect(note?.public).toBe(false);
    expect(note?.body).toContain('sunli@gone.example.com');
    expect(note?.body).toContain('5.1.1');
    const row = await t.database.db.selectFrom('inbound_emails').select(['thread_reason', 'status']).where('message_id', '=', '<dsn-0001@mx.gone.example.com>').executeTakeFirstOrThrow();
    expect(row.status).toBe('processed');
    expect(JSON.parse(row.thread_reason ?? '{}')).toEqual({ by: 'bounce', message_id: ack.messageId });
    expect(captured).toHaveLength(0); // nothing answered the bounce

    const listed = (await agent.client.get('/api/v2/email_suppressions')).json<{ email_suppressions: { email: string; status: string; ticket_id: number }[] }>().email_suppressions;
    expect(listed).toContainEqual(expect.objectContaining({ email: 'sunli@gone.example.com', status: '5.1.1' }));

    // The agent answers anyway: the address that bounced is not mailed again for now.
    expect((await agent.client.put(`/api/v2/tickets/${ticket.id}`, { ticket: { comment: { body: '请换个邮箱联系我们。' } } })).statusCode).toBe(200);
    await deliver();
    expect(captured.filter((c) => c.to.includes('sunli@gone.example.com'))).toHaveLength(0);

    // The customer writes in from it again: it works after all, and is mailed again.
    await customerMailer().sendMail({ from: '"孙丽" <sunli@gone.example.com>', to: 'support@mailbox.test', subject: '邮箱修好了', text: '现在可以收到了。', messageId: '<bounce-case-002@gone.example.com>' });
    await deliver();
    expect((await agent.client.get('/api/v2/email_suppressions')).json<{ email_suppressions: { email: string }[] }>().email_suppressions.map((e) => e.email)).not.toContain('sunli@gone.example.com');
    expect(captured.filter((c) => c.to.includes('sunli@gone.example.com')).length).toBeGreaterThan(0);
    expect((await agent.client.delete('/api/v2/email_suppressions/sunli@gone.example.com')).statusCode).toBe(404);

    // Anyone can write as a postmaster: a "bounce" naming none of our Message-IDs suppresses nobody.
    await customerMailer().sendMail({
      envelope: { from: '', to: ['support@mailbox.test'] },
      raw: ['From: postmaster@evil.example.com', 'To: support@mailbox.test', 'Subject: Undelivered Mail', 'Message-ID: <forged-dsn-1@evil.example.com>', 'X-Failed-Recipients: zhoumin@customer.example.com', '', 'Message-ID: <never-sent@mailbox.test>', ''].join('\r\n'),
    });
    await deliver();
    const forged = await t.database.db.selectFrom('inbound_emails').select('status').where('message_id', '=', '<forged-dsn-1@evil.example.com>').executeTakeFirstOrThrow();
    expect(forged.status).toBe('suspended');
    expect((await agent.client.get('/api/v2/email_suppressions')).body).not.toContain('zhoumin@customer.example.com');
  });

  it('sends as a support address through its own SMTP server, signed in as that mailbox, once the sign-in is checked', async () => {
    const own: { user: string; from: string; to: string[]; raw: Buffer }[] = [];
    const server = new SMTPServer({
      authMethods: ['PLAIN', 'LOGIN'],
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === 'support@mailbox.test' && auth.password === 'qq-app-code') {
          callback(null, { user: auth.username });
          return;
        }
        callback(new Error('535 Login fail. Please use the authorization code (授权码)'));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          own.push({ user: String(session.user), from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
          callback();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.server.address() as AddressInfo).port;
    try {
      const address = (await desk.owner.get('/api/v2/recipient_addresses')).json<{ recipient_addresses: { id: number; email: string; name: string }[] }>().recipient_addresses.find((a) => a.email === 'support@mailbox.test');
      const put = (smtp: unknown) => desk.owner.put(`/api/v2/recipient_addresses/${address?.id ?? 0}`, { recipient_address: { email: 'support@mailbox.test', name: address?.name ?? '', default_group_id: groupId, smtp } });
      const wrong = await put({ host: '127.0.0.1', port, secure: false, username: 'support@mailbox.test', password: 'qq-password' });
      expect(wrong.statusCode).toBe(422);
      expect(Object.keys(wrong.json<{ details: object }>().details)).toEqual(['recipient_address.smtp.password']);
      const right = await put({ host: '127.0.0.1', port, secure: false, username: 'support@mailbox.test', password: 'qq-app-code' });
      expect(right.statusCode, right.body).toBe(200);
      expect(right.json<{ recipient_address: { smtp: object } }>().recipient_address.smtp).toEqual({ host: '127.0.0.1', port, secure: false, username: 'support@mailbox.test' });
      expect(right.body).not.toContain('qq-app-code');
      // Saved again without the password: the stored one is kept (and checked again).
      expect((await put({ host: '127.0.0.1', port, secure: false, username: 'support@mailbox.test' })).statusCode).toBe(200);

      captured.length = 0;
      await customerMailer().sendMail({ from: '"钱伟" <qianwei@customer.example.com>', to: 'support@mailbox.test', subject: '自有发信服务器测试', text: '请回复我。', messageId: '<own-smtp-001@customer.example.com>' });
      await deliver();
      const ack = own.find((m) => m.to.includes('qianwei@customer.example.com'));
      expect(ack).toMatchObject({ user: 'support@mailbox.test', from: 'support@mailbox.test' });
      expect((await simpleParser(ack?.raw ?? Buffer.alloc(0))).from?.value[0]?.address).toBe('support@mailbox.test');
      expect(captured.filter((c) => c.to.includes('qianwei@customer.example.com'))).toHaveLength(0); // not through the relay
    } finally {
      await desk.owner.put(`/api/v2/recipient_addresses/${(await desk.owner.get('/api/v2/recipient_addresses')).json<{ recipient_addresses: { id: number; email: string }[] }>().recipient_addresses.find((a) => a.email === 'support@mailbox.test')?.id ?? 0}`, { recipient_address: { email: 'support@mailbox.test', name: '云帆客服', default_group_id: groupId, smtp: null } });
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('lets an agent answer a notification by mail, believed only through the reply address Kefu gave that agent', async () => {
    captured.length = 0;
    await customerMailer().sendMail({ from: '"郑洁" <zhengjie@customer.example.com>', to: 'support@mailbox.test', subject: '客服邮件回复测试', text: '请问发货时间？', messageId: '<agent-reply-001@customer.example.com>' });
    await deliver();
    const ticket = await latestTicket();
    const toAgent = await simpleParser(captured.find((c) => c.to.includes('liuyang@mailbox.example.com'))?.raw ?? Buffer.alloc(0));
    const agentReplyTo = toAgent.replyTo?.value[0]?.address ?? '';
    expect(agentReplyTo).toMatch(new RegExp(`^support\\+t${ticket.id}-u${agent.id}-[a-z0-9]+@mailbox\\.test$`));
    const toCustomer = await simpleParser(captured.find((c) => c.to.includes('zhengjie@customer.example.com'))?.raw ?? Buffer.alloc(0));
    expect(toCustomer.replyTo?.value[0]?.address).not.toContain(`-u${agent.id}-`);

    // The customer forges the agent's From on a reply to the mail they did get: held, not posted as the agent.
    const commentsBefore = (await agent.client.get(`/api/v2/tickets/${ticket.id}/comments`)).json<{ comments: unknown[] }>().comments.length;
    await customerMailer().sendMail({ from: '"刘洋" <liuyang@mailbox.example.com>', to: toCustomer.replyTo?.value[0]?.address ?? '', subject: `Re: ${toCustomer.subject ?? ''}`, text: '已退款，请查收。', messageId: '<forged-agent-001@customer.example.com>', inReplyTo: toCustomer.messageId ?? '' });
    await deliver();
    const forged = await t.database.db.selectFrom('inbound_emails').select(['status', 'reason']).where('message_id', '=', '<forged-agent-001@customer.example.com>').executeTakeFirstOrThrow();
    expect(forged.status).toBe('suspended');
    expect(forged.reason).toMatch(/staff address/);
    expect((await agent.client.get(`/api/v2/tickets/${ticket.id}/comments`)).json<{ comments: unknown[] }>().comments.length).toBe(commentsBefore);

    // The agent answers their own notification from their mail client: a public comment by them.
    captured.length = 0;
    await customerMailer().sendMail({ from: '"刘洋" <liuyang@mailbox.example.com>', to: agentReplyTo, subject: `Re: ${toAgent.subject ?? ''}`, text: '明天上午发货。\n\n在 2026年12月1日 10:00，云帆客服 写道：\n> 请问发货时间？', messageId: '<agent-mail-001@mailbox.example.com>', inReplyTo: toAgent.messageId ?? '' });
    await deliver();
    const comments = (await agent.client.get(`/api/v2/tickets/${ticket.id}/comments`)).json<{ comments: { body: string; author_id: number; public: boolean }[] }>().comments;
    expect(comments.at(-1)).toMatchObject({ body: '明天上午发货。', author_id: agent.id, public: true });
    expect(captured.some((c) => c.to.includes('zhengjie@customer.example.com'))).toBe(true);
  });

  it('wraps notifications in the helpdesk’s own layout with its branding, escaping values, and refuses a layout without {{content}}', async () => {
    const defaults = (await desk.owner.get('/api/v2/mail_template')).json<{ mail_template: { html: string; default: boolean } }>().mail_template;
    expect(defaults.default).toBe(true);
    expect(defaults.html).toContain('客服中心');

    const noContent = await desk.owner.put('/api/v2/mail_template', { mail_template: { html: '<p>{{ account.name }}</p>', text: '{{content}}' } });
    expect(noContent.statusCode).toBe(422);
    expect(Object.keys(noContent.json<{ details: object }>().details)).toEqual(['mail_template.html']);
    const broken = await desk.owner.put('/api/v2/mail_template', { mail_template: { html: '{{content}}', text: '{{content}} {% if %}' } });
    expect(Object.keys(broken.json<{ details: object }>().details)).toEqual(['mail_template.text']);
    expect((await agent.client.put('/api/v2/mail_template', { mail_template: { html: '{{content}}', text: '{{content}}' } })).statusCode).toBe(403);

    expect((await desk.owner.put('/api/v2/account/settings', { settings: { name: '云帆 <科技>', brand_color: '#c0392b', logo_url: 'https://cdn.example.com/yunfan.png' } })).statusCode).toBe(200);
    const saved = await desk.owner.put('/api/v2/mail_template', {
      mail_template: {
        html: '<div class="brand" style="border-color:{{ account.brand_color }}"><img src="{{ account.logo_url }}" alt="{{ account.name }}">{{ content }}<footer>{{ account.name }} · 服务热线 400-800-8888</footer></div>',
        text: '{{content}}\n-- {{ account.name }} · 400-800-8888',
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);

    captured.length = 0;
    await customerMailer().sendMail({ from: '"冯涛" <fengtao@customer.example.com>', to: 'support@mailbox.test', subject: '模板测试 <b>粗体</b>', text: '{{ account.name }} 这行不是模板', messageId: '<layout-001@customer.example.com>' });
    await deliver();
    const ack = await simpleParser(captured.find((c) => c.to.includes('fengtao@customer.example.com'))?.raw ?? Buffer.alloc(0));
    const html = String(ack.html);
    expect(html).toContain('border-color:#c0392b');
    expect(html).toContain('src="https://cdn.example.com/yunfan.png"');
    expect(html).toContain('alt="云帆 &lt;科技&gt;"');
    expect(html).toContain('<footer>云帆 &lt;科技&gt; · 服务热线 400-800-8888</footer>');
    expect(html).not.toContain('<科技>');
    // The customer's words are content, never read as Liquid.
    expect(html).toContain('{{ account.name }} 这行不是模板');
    expect(ack.text).toContain('-- 云帆 <科技> · 400-800-8888');
    expect(ack.text).toContain('请在此行上方回复');

    expect((await desk.owner.delete('/api/v2/mail_template')).statusCode).toBe(204);
    expect((await desk.owner.get('/api/v2/mail_template')).json<{ mail_template: { default: boolean } }>().mail_template.default).toBe(true);
  });
});
