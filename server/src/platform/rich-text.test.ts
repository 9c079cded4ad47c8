import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlFromPlain, plainFromHtml, sanitizeRichText } from './rich-text.js';

describe('rich text', () => {
  it('keeps formatting and drops scripts, handlers, styles and dangerous links', () => {
    const dirty =
      '<p onclick="x()">您好<script>alert(1)</script><b>退款</b> <a href="javascript:alert(1)">点这里</a>' +
      '<a href="https://kefu.example.com/x">链接</a><img src="x" onerror="alert(1)"><iframe src="//evil"></iframe>' +
      '<style>body{}</style><span style="color:red">红</span></p>';
    const clean = sanitizeRichText(dirty);
    expect(clean).not.toMatch(/script|onclick|onerror|javascript:|iframe|style/i);
    expect(clean).toContain('<b>退款</b>');
    expect(clean).toContain('<a href="https://kefu.example.com/x" target="_blank" rel="noopener noreferrer nofollow">链接</a>');
  });

  it('turns plain text into escaped paragraphs and back', () => {
    const text = '您好，\n请问 <发票> 怎么开？\n\n谢谢 & 祝好';
    const html = htmlFromPlain(text);
    expect(html).toBe('<p>您好，<br>请问 &lt;发票&gt; 怎么开？</p><p>谢谢 &amp; 祝好</p>');
    expect(plainFromHtml(html)).toBe(text);
  });

  it('never lets a tag through from arbitrary plain text', () => {
    fc.assert(fc.property(fc.string(), (s) => !/<(?!\/?(p|br)>)/.test(htmlFromPlain(s))));
  });

  it('is idempotent: sanitizing clean HTML changes nothing', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = sanitizeRichText(s);
        return sanitizeRichText(once) === once;
      }),
    );
  });
});
