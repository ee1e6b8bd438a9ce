import { describe, expect, it } from 'vitest';
import { searchGrams } from '../../src/data/search-text.js';
import { pinyinInitials } from '../../src/text/convert.js';
import { useApp } from '../support/app.js';

const { query } = useApp();

const names = `query ($q: String!, $first: Int, $after: String) {
  search(query: $q, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { __typename
      ... on Agreement { id title { zhHant } } ... on Party { id name { zhHant } } ... on Official { id name { zhHant } }
      ... on Commitment { id text { zhHant } } ... on Industry { id name { zhHant } }
      ... on RelatedReport { id title { zhHant } } } } } }`;

type Node = { id: string; name?: { zhHant: string }; title?: { zhHant: string }; text?: { zhHant: string } };
const label = (node: Node) => (node.name ?? node.title ?? node.text)?.zhHant;

async function firstPage(q: string, first = 10) {
  const { search } = await query(names, { q, first });
  return { total: search.totalCount as number, found: search.edges.map((e: { node: Node }) => label(e.node)) };
}

/** Every hit, a page of `size` at a time. */
async function everyHit(q: string, size: number) {
  const ids: string[] = [];
  let after: string | undefined;
  let total = 0;
  for (;;) {
    const { search } = await query(names, { q, first: size, after });
    total = search.totalCount;
    ids.push(...search.edges.map((e: { node: Node }) => e.node.id));
    if (!search.pageInfo.hasNextPage) return { ids, total };
    after = search.pageInfo.endCursor;
  }
}

describe('pinyin initials', () => {
  it.each([
    ['xy', ['襄陽市', '襄陽高新技術產業開發區', '襄陽市委']],
    ['XYS', ['襄陽市', '襄陽市委']],
    ['frp', ['范銳平']],
    ['wzh', ['王澤洪']],
    ['hbs', ['湖北省委', '湖北省質量技術監督局']],
    ['xnyqc', ['新能源汽車']],
  ])('%s finds the names whose initials it begins', async (q, expected) => {
    expect(await firstPage(q)).toEqual({ total: expected.length, found: expected });
  });

  it('ranks them after the names that begin with the query', async () => {
    // "frictionmaterials" begins with fr; 范銳平's initials are frp.
    expect((await firstPage('fr')).found).toEqual(['摩擦材料', '范銳平']);
    expect((await firstPage('xiangyang', 1)).found).toEqual(['襄陽市']);
    expect((await firstPage('qiche', 5)).found).toEqual(expect.arrayContaining(['新能源汽車', '汽車及零部件']));
  });

  it('reads a polyphonic character as the reviewed pinyin does, and refuses pinyin that does not spell the name', () => {
    // 仇 is Qiú as a surname, chóu otherwise; the library cannot tell.
    expect(pinyinInitials('仇英')).toBe('cy');
    expect(pinyinInitials('仇英', 'Qiú Yīng')).toBe('qy');
    // Read from the Simplified form, where the library knows the words: 汽車 is qìchē, 行業 hángyè.
    expect(pinyinInitials('新能源汽車')).toBe('xnyqc');
    expect(pinyinInitials('衛星行業')).toBe('wxhy');
    expect(pinyinInitials('襄陽高新技術產業開發區', 'Xiāngyáng Gāoxīn Jìshù Chǎnyè Kāifāqū')).toBe('xygxjscykfq');
    expect(pinyinInitials('合成官員27307')).toBe('hcgy27307');
    expect(pinyinInitials('Synthetic')).toBeUndefined();
    expect(() => pinyinInitials('襄陽', 'Xiāngshān')).toThrow(/does not spell 襄陽/);
  });
});

describe('queries of one or two characters, or three Chinese ones', () => {
  it('find a Chinese character anywhere, and letters or digits where a name or its initials begin', async () => {
    expect(searchGrams('襄陽市', 'xys').sort()).toEqual(['x', 'xy', '市', '襄', '襄陽', '襄陽市', '陽', '陽市'].sort());
    expect(searchGrams('xiangyangshi').sort()).toEqual(['x', 'xi']);
    const yang = await firstPage('陽', 20);
    expect(yang.found).toEqual(expect.arrayContaining(['襄陽市', '棗陽市', '棗陽市摩擦材料產業集群']));
    expect((await firstPage('y', 50)).found).not.toContain('襄陽市');
    expect((await firstPage('x', 50)).found).toContain('襄陽市');
    expect((await firstPage('電', 20)).found.slice(0, 2)).toEqual(['電品工業', '電子信息']);
  });

  it('rank an exact name or alias first', async () => {
    expect((await firstPage('襄陽', 1)).found).toEqual(['襄陽市']);
    expect((await firstPage('市委', 1)).found).toEqual(['襄陽市委']);
    expect((await firstPage('襄陽市', 2)).found).toEqual(['襄陽市', '襄陽市委']);
    expect((await firstPage('質監局', 1)).found).toEqual(['湖北省質量技術監督局']);
  });
});

describe('every tier, paged', () => {
  it.each(['襄', '陽', '電', 'x', 'xy', 'hb', '襄陽', '襄陽市', '產業', '質監局', 'xiangyang', 'xys', '2012', 'jishu'])(
    '%s: pages of 3 hold each hit once, as many as totalCount, in the order of one page',
    async (q) => {
      const paged = await everyHit(q, 3);
      const { search } = await query(names, { q, first: 100 });
      expect(paged.ids).toEqual(search.edges.map((e: { node: Node }) => e.node.id));
      expect(new Set(paged.ids).size).toBe(paged.ids.length);
      expect(paged.ids.length).toBe(paged.total);
      expect(paged.total).toBeGreaterThan(0);
    },
  );
});
