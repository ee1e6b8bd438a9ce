import { describe, expect, it } from 'vitest';
import { browserLanguage } from '../../web/explore/i18n.js';
import { marked } from '../../web/explore/marks.js';

describe('the provenance panel’s marks', () => {
  const text = '湖北省委常委、市委書記范銳平出席會議并講話。范銳平表示';

  it('marks each quote once, a quote inside another nested in it', () => {
    const outer = { start: 0, end: 21 };
    const inner = { start: 0, end: 14 };
    const later = { start: 22, end: 27 };
    expect(marked(text, [later, inner, outer])).toEqual([
      { mark: [{ mark: ['湖北省委常委、市委書記范銳平'] }, '出席會議并講話'] },
      '。',
      { mark: ['范銳平表示'] },
    ]);
  });

  it('cuts a quote that crosses the end of the one before, and marks its rest after it', () => {
    expect(
      marked('abcdefgh', [
        { start: 1, end: 4 },
        { start: 3, end: 6 },
      ]),
    ).toEqual(['a', { mark: ['bc', { mark: ['d'] }] }, { mark: ['ef'] }, 'gh']);
  });

  it('leaves a text without quotes as it is', () => {
    expect(marked(text, [])).toEqual([text]);
    expect(marked('', [])).toEqual([]);
  });
});

describe('the default language', () => {
  it('is the first of the browser’s languages the graph has names in, as the server reads Accept-Language', () => {
    expect(browserLanguage(['zh-TW', 'en'])).toBe('ZH_HANT');
    expect(browserLanguage(['zh-HK'])).toBe('ZH_HANT');
    expect(browserLanguage(['zh-Hant-TW'])).toBe('ZH_HANT');
    expect(browserLanguage(['zh-CN'])).toBe('ZH_HANS');
    expect(browserLanguage(['zh'])).toBe('ZH_HANS');
    expect(browserLanguage(['zh-Latn-pinyin', 'zh-CN'])).toBe('PINYIN');
    expect(browserLanguage(['de-DE', 'en-GB'])).toBe('EN');
    expect(browserLanguage(['fr'])).toBe('EN');
  });
});
