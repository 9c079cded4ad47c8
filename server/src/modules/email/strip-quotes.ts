/** The line Kefu puts in its mails; a reply is read above it. */
export const REPLY_MARKER = '##- 请在此行上方回复 / Please type your reply above this line -##';

/**
 * Where the quoted history or signature starts in a reply, by Kefu's marker and the
 * patterns of Outlook, Gmail, Apple Mail, Foxmail, QQ Mail and NetEase 163/126.
 */
const CUT_LINES: RegExp[] = [
  /^##- .* -##$/,
  /^-{2,}\s*(original message|原始邮件|原邮件|replied message|forwarded message|转发邮件)\s*-{2,}$/i,
  /^-{5,}\s*(原始邮件|original)/i,
  /^_{10,}$/,
  /^(on|am|le)\s.+(wrote|schrieb|a écrit)\s*:$/i,
  /^在\s*.+(写道|寫道)\s*[:：]$/,
  /^.{0,80}于\s*\d{4}.+(写道|寫道)\s*[:：]$/,
  /^-- $/,
  // Phone signatures.
  /^(sent from my (iphone|ipad|android|mobile)|get outlook for (ios|android)|发自我的\s*(iphone|ipad|手机|华为手机|小米手机)|从我的\s*(iphone|ipad)\s*发送|来自\s*(网易邮箱大师|qq邮箱|企业微信))/i,
];
const ATTRIBUTION = /^.{4,360}(wrote|написал\(?а?\)?|a écrit|schrieb|escribió|写道|寫道)\s*[:：]$/i;
const OUTLOOK_FROM = /^\**\s*(from|发件人|寄件者)\s*[:：]/i;
const OUTLOOK_NEXT = /^\**\s*(sent|date|发送时间|時間|日期|to|收件人|subject|主题)\s*[:：]/i;

export function stripQuoted(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let cut = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (CUT_LINES.some((re) => re.test(line) || re.test(lines[i] ?? ''))) {
      cut = i;
      break;
    }
    // Clients wrap the attribution ("On … wrote:", "… написал:") over two lines: take the first half too.
    if (ATTRIBUTION.test(line) && i > 0) {
      const previous = (lines[i - 1] ?? '').trim();
      cut = previous.length > 0 && /(<|,|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}.*)$/.test(previous) && previous.length < 160 ? i - 1 : i;
      break;
    }
    // Outlook's header block: From: followed closely by Sent:/Date:/To:.
    if (OUTLOOK_FROM.test(line) && lines.slice(i + 1, i + 4).some((l) => OUTLOOK_NEXT.test(l.trim()))) {
      cut = i;
      break;
    }
    // A trailing block of "> " quotes.
    if (line.startsWith('>') && lines.slice(i).every((l) => l.trim() === '' || l.trim().startsWith('>'))) {
      cut = i;
      break;
    }
  }
  const kept = lines.slice(0, cut).join('\n').trim();
  return kept.length > 0 ? kept : text.trim();
}
