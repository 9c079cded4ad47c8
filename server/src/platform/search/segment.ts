import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';

// Words a support team writes every day that jieba's general dictionary splits or misses.
const domainWords = [
  '工单', '客服', '售后', '售前', '退款', '退货', '换货', '发票', '开票', '增值税', '专票', '普票', '到账', '发货',
  '物流', '快递', '订单', '订单号', '账号', '登录', '无法登录', '密码', '验证码', '优惠券', '会员', '积分', '投诉',
  '保修', '维修', '安装', '上门', '续费', '试用', '企业版', '工作日', '加急',
];

let instance: Jieba | null = null;

function jieba(): Jieba {
  if (!instance) {
    const require = createRequire(import.meta.url);
    const { dict } = require('@node-rs/jieba/dict.js') as { dict: Uint8Array };
    instance = Jieba.withDict(dict);
    instance.loadDict(Buffer.from(domainWords.map((w) => `${w} 200000 n`).join('\n')));
  }
  return instance;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const WORD = /[\p{L}\p{N}_]+/gu;

/** Overlapping pairs of a CJK run: 无法登录 → 无法 法登 登录; a lone character stays itself. */
function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) {
    return chars;
  }
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) {
    out.push(chars[i] + (chars[i + 1] ?? ''));
  }
  return out;
}

/** Splits text into runs of CJK and of other word characters, in order. */
function pieces(text: string): { cjk: boolean; text: string }[] {
  const out: { cjk: boolean; text: string }[] = [];
  for (const word of text.toLowerCase().normalize('NFKC').match(WORD) ?? []) {
    let last = 0;
    for (const m of word.matchAll(CJK_RUN)) {
      if (m.index > last) {
        out.push({ cjk: false, text: word.slice(last, m.index) });
      }
      out.push({ cjk: true, text: m[0] });
      last = m.index + m[0].length;
    }
    if (last < word.length) {
      out.push({ cjk: false, text: word.slice(last) });
    }
  }
  return out;
}

/**
 * A document as two token streams for the full-text index: `grams` holds CJK bigrams
 * (contiguous per run, so a phrase of bigrams matches any substring of two or more
 * characters) and other words; `words` holds jieba's words, which rank whole-word hits
 * higher. Both are space-separated, ready for FTS5 unicode61 or tsvector('simple').
 */
export function segmentDocument(text: string): { grams: string; words: string } {
  const grams: string[] = [];
  const words: string[] = [];
  for (const piece of pieces(text)) {
    if (piece.cjk) {
      grams.push(...bigrams(piece.text));
      words.push(...jieba().cutForSearch(piece.text, true).filter((w) => CJK.test(w)));
    } else {
      grams.push(piece.text);
    }
  }
  return { grams: grams.join(' '), words: words.join(' ') };
}

/** One query word or quoted phrase as the token sequence it must match, in order. */
export function segmentQuery(term: string): string[] {
  return pieces(term).flatMap((p) => (p.cjk ? bigrams(p.text) : [p.text]));
}
