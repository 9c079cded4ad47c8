import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBounce } from '../src/modules/email/bounces.js';
import { machineReason } from '../src/modules/email/machine-mail.js';
import { parseMail } from '../src/modules/email/parse.js';
import { stripQuoted } from '../src/modules/email/strip-quotes.js';

const root = path.resolve(import.meta.dirname, '../../../shared/fixtures/email');
const present = existsSync(root);
if (!present) {
  console.warn(`email corpus: ${root} is absent, skipping (it lives beside the repository, not in it)`);
}
const read = (name: string) => readFileSync(path.join(root, name));

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? allFiles(p) : f.endsWith('.md') || f.endsWith('.yml') ? [] : [p];
  });
}

/** Fixtures whose bytes are themselves broken (text labelled with the wrong charset, double-encoded). */
const KNOWN_BROKEN = new Set(['discourse/chinese_reply.eml', 'kopano-core/encoded-word-split.eml', 'mikel-mail/error_emails/content_transfer_encoding_empty.eml']);

describe.skipIf(!present)('the real-world mail corpus', () => {
  it('parses every message, each with a Message-ID (given or derived), and decodes Chinese charsets without U+FFFD', async () => {
    const files = allFiles(root);
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const mail = await parseMail(readFileSync(file));
      expect(mail.messageId, file).toMatch(/^<.+>$/);
      const name = path.relative(root, file);
      if (!KNOWN_BROKEN.has(name)) {
        expect(mail.subject.includes('\uFFFD'), `${name} subject: ${mail.subject}`).toBe(false);
      }
    }
  });

  it('reads GB18030, GBK, Big5 and raw 8-bit header bytes as a person would', async () => {
    expect((await parseMail(read('request-tracker/new-ticket-from-gb18030'))).subject).toBe('测试');
    expect((await parseMail(read('kopano-core/big5.eml'))).subject).toBe('養樂多線上訂購');
    expect((await parseMail(read('list-archive-linux-erofs/d78f43e08286a44550be1a82b948f25241dcb5c5.eml'))).subject).toBe('eros性能问题');
    // This copy lost its first header line to a blank line; it still parses as a message.
    const big5 = await parseMail(read('discourse/big5.eml'));
    expect(big5.from?.address).toBe('walter.white@googlemail.com');
    expect(big5.text).toContain('媽！我上電視了！');
    const gbk = await parseMail(read('webklex-php-imap/gbk_charset.eml'));
    expect(gbk.text.includes('\uFFFD')).toBe(false);
  });

  it('tells machines from people: auto-replies, bounces and lists are machine mail', async () => {
    for (const name of ['discourse/auto_reply.eml', 'sisimai-set-of-emails/bsd/rfc3834-01.eml', 'sisimai-set-of-emails/bsd/rfc3834-02.eml', 'sisimai-set-of-emails/bsd/rfc3834-06.eml', 'postal-mime/bounce.eml', 'sisimai-set-of-emails/bsd/rhost-tencent-01.eml', 'list-archive-linux-erofs/1bd0c50f5ceb7b6bd56600f4c22eceb2d890ee53.eml']) {
      expect(machineReason(await parseMail(read(name)), null), name).not.toBeNull();
    }
    for (const name of ['redmine/ticket_reply.eml', 'mailgun-talon/gmail.eml', 'request-tracker/new-ticket-from-gb18030', 'kopano-core/big5.eml']) {
      expect(machineReason(await parseMail(read(name)), null), name).toBeNull();
    }
  });

  it('reads who bounced and which message, from RFC 3464 reports, Exim, qmail, Gmail, Exchange, Office 365, Tencent and Aliyun bounces', async () => {
    const expected: Record<string, [string, string | null]> = {
      'nodemailer-mailparser/delivery-status.eml': ['xxxx@xxxx.com', null],
      'mikel-mail/multipart_report_emails/multi_address_bounce1.eml': ['bbbbvhvbbvkjbhfbvbvjhb@gmail.com', null],
      'postal-mime/bounce.eml': ['htfgvhyufthdgcvhgjyfthgc@ethereal.email', '<e85f1c9b-9b51-4028-8ec0-0a657155028e@app.fastmail.com>'],
      'sisimai-set-of-emails/bsd/lhost-gmail-01.eml': ['userunknown@example.jp', '<D992C2C3-F175-4C4D-97E2-53A90E4E5BF5@gmail.com>'],
      'sisimai-set-of-emails/bsd/lhost-office365-01.eml': ['kijitora@example.com', '<FFFFFFFF.EEEEEEEE@example.ed.jp>'],
      'sisimai-set-of-emails/bsd/lhost-qmail-01.eml': ['kijitora@example.ne.jp', '<000000000.9999999999999.JavaMail.postmaster@mailhub>'],
      'sisimai-set-of-emails/bsd/rhost-tencent-01.eml': ['nekochan@qq.example.cn', '<20180429233445.1BFAC0EE7C9F@mail.example.net>'],
      'sisimai-set-of-emails/bsd/lhost-exchange2007-04.eml': ['neko-nyaan@example.jp', '<78f44d2b2ea5763064d21edacd9d8d18@example.net>'],
      'list-archive-osst-users/01ab7683d5c921221d0873d95b1a7602d3f5750a.eml': ['1599150285@qq.com', '<202005190115363593979@lists.sourceforge.net>'],
      'list-archive-linux-erofs/1bd0c50f5ceb7b6bd56600f4c22eceb2d890ee53.eml': ['linux-erofs@lists.ozlabs.org', '<664fae30-9dd7-4f21-9143-072e81854336@linux.alibaba.com>'],
      'zammad/mail033-undelivered-mail-returned-to-sender-notification.box': ['not_existing@znuny.com', '<notification.20150830145600.1.4.5f4fd063-f69b-4e64-a92d-5e7128bd6682@127.0.0.1:3000>'],
      'webklex-php-imap/example_bounce.eml': ['ding@ding.de', '<UyVznI5nOyYGnv7Ij0hi6ro4gvxwGT999eQAtc4o@127.0.0.1>'],
    };
    for (const [file, [recipient, messageId]] of Object.entries(expected)) {
      const bounce = readBounce(await parseMail(read(file)));
      expect(bounce?.recipients.map((r) => r.address), file).toContain(recipient);
      if (messageId) {
        expect(bounce?.originalMessageIds, file).toContain(messageId);
      }
    }
    // A phishing mail dressed as a bounce names no failed recipient or returned message.
    expect(readBounce(await parseMail(read('list-archive-industrypack-devel/4a2d83a64667f0e09f81ff9a750c8fe76d775c1f.eml')))).toBeNull();
    // People's mail is never read as a bounce.
    expect(readBounce(await parseMail(read('request-tracker/new-ticket-from-gb18030')))).toBeNull();
  });

  it('keeps the reply and drops the quoted history of Gmail, Outlook, Apple Mail, Yahoo, Android, iPhone and QQ Mail', async () => {
    for (const name of ['gmail.eml', 'outlook.eml', 'hotmail.eml', 'apple_mail_2.eml', 'yahoo.eml', 'android.eml', 'iphone.eml']) {
      const mail = await parseMail(read(`mailgun-talon/${name}`));
      expect(stripQuoted(mail.text), name).toBe('Hello');
    }
    const qq = await parseMail(read('list-archive-linux-erofs/7c2b4862dfc7e5ecb8a7abd32a13bc801bffc5cd.eml'));
    const reply = stripQuoted(qq.text);
    expect(reply).toContain('是的 看代码流程erofs更简洁');
    expect(reply).not.toMatch(/原始邮件|发件人/);
    expect(reply.length).toBeLessThan(qq.text.length);
  });

  it('strips the patterns of Chinese mail clients', () => {
    expect(stripQuoted('好的，谢谢\n\n在 2026-11-22 10:00:00，"云帆客服" <support@yunfan.test> 写道：\n> 您好')).toBe('好的，谢谢');
    expect(stripQuoted('收到\n\n------------------ 原始邮件 ------------------\n发件人: "客服"<a@b.c>;\n发送时间: 2026年11月22日')).toBe('收到');
    expect(stripQuoted('已处理\n\n---- Replied Message ----\n| From | 客服 |')).toBe('已处理');
    expect(stripQuoted('谢谢\n\n发件人: 云帆客服 <support@yunfan.test>\n发送时间: 2026年11月22日 10:00\n收件人: 我')).toBe('谢谢');
    expect(stripQuoted('稍后回复\n\n发自我的iPhone')).toBe('稍后回复');
    expect(stripQuoted('继续\n\n##- 请在此行上方回复 / Please type your reply above this line -##\n旧内容')).toBe('继续');
  });
});
