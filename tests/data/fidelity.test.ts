import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SeedDataError } from '../../src/seed/documents.js';
import { resolveQuote, validateCurated } from '../../src/seed/validate.js';
import { hasConversionArtifacts, REPLACEMENT } from '../../src/text/clean.js';
import { librarySimplified, localize } from '../../src/text/convert.js';
import { agreement, article, curated, withEntities } from '../support/article.js';

const data = curated;
const rawArticle = article.rawText;
const cleanedArticle = article.text;

function allTexts() {
  const texts: { where: string; text: { zhHant: string; zhHans?: string } }[] = [];
  const visit = (where: string, value: unknown) => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) visit(`${where}[${i}]`, v);
    } else if (value && typeof value === 'object') {
      if ('zhHant' in value && 'en' in value) texts.push({ where, text: value as { zhHant: string } });
      else for (const [k, v] of Object.entries(value)) visit(`${where}.${k}`, v);
    }
  };
  visit('curated', curated);
  return texts;
}

describe('the cleaned article', () => {
  it('keeps the raw text exactly as received', () => {
    expect(rawArticle).toBe(
      fs.readFileSync(new URL('../../data/articles/xiangyang-2012/article.txt', import.meta.url), 'utf8'),
    );
    expect(rawArticle).toContain('產(chǎn)業(yè)');
  });

  it('has no pinyin parenthesis, markup or converter question mark left', () => {
    expect(hasConversionArtifacts(rawArticle)).toBe(true);
    expect(hasConversionArtifacts(cleanedArticle)).toBe(false);
    expect(cleanedArticle.startsWith('襄陽產業發展迎來技術保證\n')).toBe(true);
  });

  it('marks the two unreadable runs and invents nothing in their place', () => {
    expect([...cleanedArticle].filter((c) => c === REPLACEMENT)).toHaveLength(2);
    expect(cleanedArticle).toContain(`- 李明${REPLACEMENT}合同能源管理行業產業鏈全景梳理及區域熱力地圖`);
    expect(cleanedArticle).toContain(`${REPLACEMENT}衛星產業是指`);
  });

  it('keeps every Chinese character and digit of the source, in order', () => {
    const kept = (s: string) => (s.match(/[\p{Script=Han}\d]/gu) ?? []).join('');
    expect(kept(cleanedArticle)).toBe(kept(rawArticle));
  });
});

describe('the curated entities', () => {
  it('have the counts the article gives', () => {
    expect(data.officials).toHaveLength(5);
    expect(data.relatedReports).toHaveLength(10);
    expect(agreement.signatories).toHaveLength(2);
    expect(agreement.participants).toHaveLength(5);
    expect(agreement.year).toBe(2012);
    expect(data.officials.flatMap((o) => o.positions)).toHaveLength(8);
    expect(data.commitments.filter((c) => c.committedBy.length === 2).length).toBeGreaterThanOrEqual(2);
  });

  it('tie every entity to at least one quote that is a span of the cleaned text', () => {
    const all = [
      agreement,
      ...data.parties,
      ...data.officials,
      ...agreement.participants,
      ...data.industries,
      ...data.commitments,
      ...data.relatedReports,
    ];
    for (const entity of all) {
      expect(entity.quotes.length).toBeGreaterThan(0);
      for (const q of entity.quotes) {
        const span = resolveQuote(cleanedArticle, q, 'test');
        expect(cleanedArticle.slice(span.start, span.end)).toBe(span.text);
      }
    }
  });

  it('refuse a quote that is not in the article, or is ambiguous', () => {
    expect(() => resolveQuote(cleanedArticle, '襄陽市長', 'x')).toThrow(SeedDataError);
    expect(() => resolveQuote(cleanedArticle, '襄陽', 'x')).toThrow(/occurs \d+ times/);
  });

  it('take Simplified Chinese from OpenCC except for reviewed corrections', () => {
    const corrections = allTexts().filter(({ text }) => text.zhHans !== undefined);
    for (const { text } of allTexts()) {
      if (text.zhHans === undefined) expect(localize({ ...text, en: '-' }).zhHans).toBe(librarySimplified(text.zhHant));
    }
    expect(corrections.map(({ text }) => [text.zhHant, text.zhHans])).toMatchSnapshot();
  });

  it('romanize the officials with the reviewed pinyin', () => {
    expect(data.officials.map((o) => localize(o.name, 'person').pinyin)).toEqual([
      'Fàn Ruìpíng',
      'Wáng Zéhóng',
      'Bié Bìxióng',
      'Yú Guóqí',
      'Fù Zhènbāng',
    ]);
    const city = data.parties.find((p) => p.key === 'xiangyang-city');
    expect(city && localize(city.name, 'place').pinyin).toBe('Xiāngyáng Shì');
  });

  it('state every market size as the exact amount its printed figure means', () => {
    const units: Record<string, [string, bigint]> = { 美元: ['USD', 1n], 元: ['CNY', 1n] };
    const sizes = data.relatedReports.flatMap((r) => (r.marketSize ? [r.marketSize] : []));
    expect(sizes).toHaveLength(4);
    for (const size of sizes) {
      const m = /^([\d.]+)億(美元|元)$/.exec(size.text);
      expect(m, size.text).not.toBeNull();
      const [whole, frac = ''] = (m?.[1] ?? '').split('.');
      const amount = BigInt(`${whole}${frac.padEnd(8, '0')}`);
      expect(BigInt(size.amount)).toBe(amount);
      expect(size.currency).toBe(units[m?.[2] ?? '']?.[0]);
      expect(cleanedArticle).toContain(size.text);
    }
  });

  it('reject data that breaks the schema before anything is written', () => {
    expect(() =>
      validateCurated(
        withEntities({ ...curated, officials: [{ ...curated.officials[0], name: { zhHant: '', en: 'x' } }] }),
      ),
    ).toThrow(/officials\.0\.name\.zhHant/);
  });
});
