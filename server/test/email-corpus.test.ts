import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
