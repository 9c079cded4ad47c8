import { describe, expect, it } from 'vitest';
import { segmentDocument, segmentQuery } from './segment.js';

describe('Chinese segmentation', () => {
  it('indexes CJK as contiguous bigrams plus jieba words, and other text as lower-case words', () => {
    const doc = segmentDocument('我无法登录Kefu账号，申请退款！');
    expect(doc.grams).toBe('我无 无法 法登 登录 kefu 账号 申请 请退 退款');
    expect(doc.words.split(' ')).toEqual(expect.arrayContaining(['无法登录', '账号', '申请', '退款']));
  });

  it('turns a query word into the phrase of its bigrams', () => {
    expect(segmentQuery('退款')).toEqual(['退款']);
    expect(segmentQuery('无法登录')).toEqual(['无法', '法登', '登录']);
    expect(segmentQuery('Kefu账号')).toEqual(['kefu', '账号']);
    expect(segmentQuery('ＡＢＣ')).toEqual(['abc']);
  });
});
