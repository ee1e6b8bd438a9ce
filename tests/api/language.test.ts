import { describe, expect, it } from 'vitest';
import { negotiateLanguage } from '../../src/graphql/language.js';
import { apiConfig, useApp } from '../support/app.js';

const { app, makeApp, query } = useApp();
const cached = makeApp(apiConfig({ responseCacheTtlMs: 60_000 }));

/** One POST as a browser sends it, with the reader's Accept-Language (none when undefined). */
async function ask(yoga: typeof app, source: string, acceptLanguage?: string) {
  const response = await yoga.fetch('http://api.test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage }),
    },
    body: JSON.stringify({ query: source }),
  });
  return { response, body: (await response.json()) as { data?: any; errors?: unknown[] } };
}

const city = `{ parties(first: 1) { edges { node { name { text } } } } }`;
const cityName = async (acceptLanguage?: string, yoga = app) => {
  const { body } = await ask(yoga, city, acceptLanguage);
  expect(body.errors).toBeUndefined();
  return body.data.parties.edges[0].node.name.text as string;
};

describe('the reader’s language, from Accept-Language', () => {
  it.each([
    ['zh-TW', 'ZH_HANT'],
    ['zh-HK', 'ZH_HANT'],
    ['zh-Hant', 'ZH_HANT'],
    ['zh-Hant-TW', 'ZH_HANT'],
    ['zh-CN', 'ZH_HANS'],
    ['zh-SG', 'ZH_HANS'],
    ['zh-Hans', 'ZH_HANS'],
    ['zh', 'ZH_HANS'],
    ['en', 'EN'],
    ['en-US', 'EN'],
    ['en-GB', 'EN'],
    ['zh-Latn-pinyin', 'PINYIN'],
    ['fr-FR', 'ZH_HANT'],
    ['*', 'ZH_HANT'],
    ['', 'ZH_HANT'],
    [undefined, 'ZH_HANT'],
  ])('maps %s to %s', (header, language) => {
    expect(negotiateLanguage(header)).toBe(language);
  });

  it('honours q-values: the highest wins, the first listed among equals, and q=0 refuses a tag', () => {
    expect(negotiateLanguage('en;q=0.5, zh-CN;q=0.9')).toBe('ZH_HANS');
    expect(negotiateLanguage('fr, en;q=0.8, zh-TW;q=0.8')).toBe('EN');
    expect(negotiateLanguage('zh-CN;q=0, en;q=0.1')).toBe('EN');
    expect(negotiateLanguage('de, ja;q=0.9')).toBe('ZH_HANT');
    expect(negotiateLanguage('en;q=oops, zh-HK')).toBe('ZH_HANT');
  });
});

describe('LocalizedText.text', () => {
  it('answers in the language Accept-Language prefers, the source’s Traditional without one', async () => {
    expect(await cityName()).toBe('襄陽市');
    expect(await cityName('zh-TW')).toBe('襄陽市');
    expect(await cityName('zh-CN,zh;q=0.9,en;q=0.8')).toBe('襄阳市');
    expect(await cityName('en-US,en;q=0.9')).toBe('Xiangyang City');
    expect(await cityName('zh-Latn-pinyin')).toBe('Xiāngyáng Shì');
  });

  it('answers in `lang` when it is given, whatever the header says', async () => {
    const data = await query(`{ parties(first: 1) { edges { node { name {
      hant: text(lang: ZH_HANT) hans: text(lang: ZH_HANS) english: text(lang: EN) latin: text(lang: PINYIN)
      zhHant zhHans en pinyin } } } } }`);
    const { hant, hans, english, latin, ...fields } = data.parties.edges[0].node.name;
    expect({ zhHant: hant, zhHans: hans, en: english, pinyin: latin }).toEqual(fields);
    expect(new Set([hant, hans, english, latin]).size).toBe(4);
  });

  it('falls back to the Traditional form where the asked-for one was never made', async () => {
    const data = await query(
      `{ industries(first: 1) { edges { node { name { zhHant pinyin text(lang: PINYIN) } } } } }`,
    );
    const name = data.industries.edges[0].node.name;
    expect(name.pinyin).toBeNull();
    expect(name.text).toBe(name.zhHant);
  });

  it('reads every form of a text through the page loaders and node(id) alike', async () => {
    const data = await query(`{ agreements(first: 1) { edges { node { id title { text(lang: EN) en }
      commitments(first: 3) { edges { node { text { text(lang: ZH_HANS) zhHans } } } } } } } }`);
    const agreement = data.agreements.edges[0].node;
    expect(agreement.title.text).toBe(agreement.title.en);
    for (const { node } of agreement.commitments.edges) expect(node.text.text).toBe(node.text.zhHans);
    const byId = await query(`query ($id: ID!) { node(id: $id) { ... on Agreement { title { text(lang: EN) } } } }`, {
      id: agreement.id,
    });
    expect(byId.node.title.text).toBe(agreement.title.en);
  });

  it('says that answers vary by Accept-Language, on GET and POST', async () => {
    const get = await app.fetch(`http://api.test/graphql?query=${encodeURIComponent(city)}`, {
      headers: { 'x-graphql-yoga-csrf': '1', 'accept-language': 'en' },
    });
    expect(get.status).toBe(200);
    expect(get.headers.get('vary')).toMatch(/Accept-Language/i);
    expect((await ask(app, city, 'en')).response.headers.get('vary')).toMatch(/Accept-Language/i);
  });

  it('never serves one language’s answer from the response cache to a reader of another', async () => {
    expect(await cityName('en', cached)).toBe('Xiangyang City');
    expect(await cityName('zh-CN', cached)).toBe('襄阳市');
    expect(await cityName('en', cached)).toBe('Xiangyang City');
    expect(await cityName(undefined, cached)).toBe('襄陽市');
    expect(await cityName('zh-CN', cached)).toBe('襄阳市');
  });
});
