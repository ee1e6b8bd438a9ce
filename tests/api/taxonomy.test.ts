import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../support/app.js';

const { db, query, statements } = useApp({ limits: { cost: 10_000_000 } });

// Fictional industries and reports (this test database only) that make the article's taxonomy
// deeper: two levels under 智能網聯汽車, and a report filed both under a fictional industry and
// under 汽車及零部件, which must still come once.
beforeAll(async () => {
  await db.$executeRawUnsafe(`
    INSERT INTO "Industry" ("key", "nameZhHant", "nameZhHans", "nameEn", "parentId")
    SELECT 'fictional-level-3', '虛構三級產業', '虚构三级产业', 'Fictional level-3 industry', "id"
    FROM "Industry" WHERE "key" = 'intelligent-connected-vehicles'`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Industry" ("key", "nameZhHant", "nameZhHans", "nameEn", "parentId")
    SELECT 'fictional-level-4', '虛構四級產業', '虚构四级产业', 'Fictional level-4 industry', "id"
    FROM "Industry" WHERE "key" = 'fictional-level-3'`);
  await db.$executeRawUnsafe(`
    INSERT INTO "RelatedReport" ("key", "position", "titleZhHant", "titleZhHans", "titleEn")
    SELECT 'fictional-report-' || g, 100 + g, '虛構報告' || g, '虚构报告' || g, 'Fictional report ' || g
    FROM generate_series(1, 7) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "IndustryReport" ("industryId", "reportId", "reportPosition")
    SELECT i."id", r."id", r."position" FROM "Industry" i JOIN "RelatedReport" r ON r."key" LIKE 'fictional-report-%'
    WHERE i."key" = 'fictional-level-4' OR (i."key" = 'automobiles-and-parts' AND r."key" = 'fictional-report-1')`);
});

const byKey = `query ($first: Int!) { industries(first: $first) { edges { node { id name { en } } } } }`;
async function industryIds() {
  const data = await query(byKey, { first: 100 });
  return new Map<string, string>(data.industries.edges.map((e: any) => [e.node.name.en, e.node.id]));
}

const industryTree = `query ($id: ID!) { node(id: $id) { ... on Industry {
  narrower { name { en } } broader { name { en } }
  all: relatedReports { totalCount edges { node { title { en } } } }
  own: relatedReports(includeNarrower: false) { totalCount edges { node { title { en } } } } } } }`;

const names = (list: any[]) => list.map((industry) => industry.name.en);
const titles = (connection: any) => connection.edges.map((e: any) => e.node.title.en);

describe('the industry taxonomy', () => {
  it('reads a root industry: everything beneath it depth first, nothing above', async () => {
    const ids = await industryIds();
    const root = (await query(industryTree, { id: ids.get('Automobiles and auto parts') })).node;
    expect(names(root.narrower)).toEqual([
      'New-energy vehicles',
      'Intelligent connected vehicles',
      'Fictional level-3 industry',
      'Fictional level-4 industry',
    ]);
    expect(root.broader).toEqual([]);
  });

  it('reads a middle industry: what is beneath it and what is above it, nearest first', async () => {
    const ids = await industryIds();
    const middle = (await query(industryTree, { id: ids.get('Fictional level-3 industry') })).node;
    expect(names(middle.narrower)).toEqual(['Fictional level-4 industry']);
    expect(names(middle.broader)).toEqual(['Intelligent connected vehicles', 'Automobiles and auto parts']);
  });

  it('reads a leaf industry: nothing beneath, its whole line above', async () => {
    const ids = await industryIds();
    const leaf = (await query(industryTree, { id: ids.get('Fictional level-4 industry') })).node;
    expect(leaf.narrower).toEqual([]);
    expect(names(leaf.broader)).toEqual([
      'Fictional level-3 industry',
      'Intelligent connected vehicles',
      'Automobiles and auto parts',
    ]);
    expect(leaf.all).toEqual(leaf.own);
    expect(leaf.own.totalCount).toBe(7);
  });

  it('counts the reports beneath an industry once each, in the article’s order, unless includeNarrower is false', async () => {
    const ids = await industryIds();
    const root = (await query(industryTree, { id: ids.get('Automobiles and auto parts') })).node;
    const icv = (await query(industryTree, { id: ids.get('Intelligent connected vehicles') })).node;
    expect(titles(root.own)).toEqual(['Fictional report 1']);
    expect(icv.own.totalCount).toBeGreaterThan(0);
    // The article's report on intelligent connected vehicles, then the seven fictional ones (one filed twice).
    expect(root.all.totalCount).toBe(icv.own.totalCount + 7);
    expect(titles(root.all)).toEqual([
      ...titles(icv.own),
      ...Array.from({ length: 7 }, (_, i) => `Fictional report ${i + 1}`),
    ]);
    expect(new Set(titles(root.all)).size).toBe(titles(root.all).length);
  });

  it('pages the reports beneath an industry forwards and backwards alike', async () => {
    const ids = await industryIds();
    const page = async (args: Record<string, unknown>) =>
      (
        await query(
          `query ($id: ID!, $first: Int, $after: String, $last: Int, $before: String) { node(id: $id) { ... on Industry {
            relatedReports(first: $first, after: $after, last: $last, before: $before) {
              pageInfo { hasNextPage hasPreviousPage } edges { cursor node { title { en } } } } } } }`,
          { id: ids.get('Automobiles and auto parts'), ...args },
        )
      ).node.relatedReports;
    const all = titles(await page({ first: 100 }));
    const forwards: string[] = [];
    let current = await page({ first: 3 });
    forwards.push(...titles(current));
    while (current.pageInfo.hasNextPage) {
      current = await page({ first: 3, after: current.edges.at(-1).cursor });
      forwards.push(...titles(current));
    }
    const backwards: string[] = [];
    current = await page({ last: 3 });
    backwards.unshift(...titles(current));
    while (current.pageInfo.hasPreviousPage) {
      current = await page({ last: 3, before: current.edges[0].cursor });
      backwards.unshift(...titles(current));
    }
    expect(all.length).toBeGreaterThan(3);
    expect(forwards).toEqual(all);
    expect(backwards).toEqual(all);
  });

  it('gives a commitment the reports of its industries and of the industries beneath them, once each', async () => {
    const data = await query(`{ agreements(first: 1) { edges { node { commitments(first: 50) { edges { node {
      industries(first: 20) { edges { node { relatedReports(first: 100) { edges { node { title { en } } } } } } }
      relatedReports(first: 100) { totalCount edges { node { title { en } } } } } } } } } } }`);
    const commitments = data.agreements.edges[0].node.commitments.edges.map((e: any) => e.node);
    let withReports = 0;
    for (const commitment of commitments) {
      const viaIndustries = new Set(
        commitment.industries.edges.flatMap((e: any) => titles(e.node.relatedReports)) as string[],
      );
      expect(new Set(titles(commitment.relatedReports))).toEqual(viaIndustries);
      expect(commitment.relatedReports.totalCount).toBe(viaIndustries.size);
      if (viaIndustries.size > 0) withReports += 1;
    }
    expect(withReports).toBeGreaterThan(0);
  });

  it('answers the AgreementTree example with related reports under the commitments that name broader industries', async () => {
    const example = fs.readFileSync(new URL('../../schema/operations/AgreementTree.graphql', import.meta.url), 'utf8');
    const data = await query(example);
    const counts = data.agreements.edges.flatMap((agreement: any) =>
      agreement.node.commitments.edges.flatMap((commitment: any) =>
        commitment.node.industries.edges.map((industry: any) => industry.node.relatedReports.totalCount),
      ),
    );
    expect(counts.some((count: number) => count > 0)).toBe(true);
  });
});

describe('taxonomy reads cost the same number of SQL statements for 1 industry and for all', () => {
  it('narrower, broader and the reports beneath', async () => {
    const tree = `query ($first: Int!) { industries(first: $first) { edges { node { id
      narrower { id } broader { id }
      relatedReports(first: 3) { totalCount edges { node { id } } } } } } }`;
    const one = await statements(tree, { first: 1 });
    const all = await statements(tree, { first: 100 });
    expect(one).toBe(all);
    expect(one).toMatchInlineSnapshot(`4`);
  });
});
