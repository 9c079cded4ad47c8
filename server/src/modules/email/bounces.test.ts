import { describe, expect, it } from 'vitest';
import { readBounce } from './bounces.js';
import { parseMail } from './parse.js';

describe('readBounce on hostile input', () => {
  it('reads a crafted multi-megabyte "bounce" in linear time (it used to backtrack for hours)', async () => {
    const evil = ['<', 'a@'.repeat(1_000_000), '\n', ' \n'.repeat(200_000), 'x@'.repeat(500_000), '.a'.repeat(200_000)].join('');
    const mail = await parseMail(Buffer.from(`From: mailer-daemon@evil.example.com\r\nTo: support@x.test\r\nSubject: failure notice\r\nX-Failed-Recipients: ${'b@'.repeat(50_000)}\r\n\r\n${evil}\r\n`));
    // With quadratic patterns this call never returns within the test's timeout.
    const bounce = readBounce(mail);
    expect(bounce?.recipients ?? []).toEqual([]);
  });

  it('still reads an ordinary qmail bounce', async () => {
    const mail = await parseMail(Buffer.from("From: MAILER-DAEMON@mx.example.jp\r\nTo: a@x.test\r\nSubject: failure notice\r\n\r\nHi. This is the qmail-send program.\r\n<kijitora@example.ne.jp>:\r\nSorry, 550 Unknown user\r\n--- Below this line is a copy of the message.\r\n\r\nMessage-ID: <m1@x.test>\r\nTo: kijitora@example.ne.jp\r\n\r\nneko\r\n"));
    expect(readBounce(mail)).toEqual({ recipients: [{ address: 'kijitora@example.ne.jp', status: null, diagnostic: null }], originalMessageIds: ['<m1@x.test>'] });
  });
});
