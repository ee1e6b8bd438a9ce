import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../support/app.js';

// Pages of 100 under pages of 100 are dearer than the default cost limit admits.
const { db, query, sent, statements } = useApp({ limits: { cost: 10_000_000 } });

// Synthetic rows beside the article's: 120 agreements with 5 commitments each, every commitment in
// 3 industries; 150 parties whose 300 officials hold 2 positions each; search terms for all of them.
beforeAll(async () => {
  await db.$executeRawUnsafe(`
    INSERT INTO "Agreement" ("key", "titleZhHant", "titleZhHans", "titleEn", "year")
    SELECT 'synthetic-a-' || g, '合成協議' || g, '合成协议' || g, 'Synthetic agreement ' || g, 2012 FROM generate_series(1, 120) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Commitment" ("key", "agreementId", "position", "textZhHant", "textZhHans", "textEn")
    SELECT 'synthetic-c-' || a."id" || '-' || g, a."id", g, '合成承諾', '合成承诺', 'Synthetic commitment'
    FROM "Agreement" a CROSS JOIN generate_series(1, 5) g WHERE a."key" LIKE 'synthetic-%'`);
  await db.$executeRawUnsafe(`
    INSERT INTO "_CommitmentToIndustry" ("A", "B")
    SELECT c."id", i."id" FROM "Commitment" c
    CROSS JOIN LATERAL (SELECT "id" FROM "Industry" WHERE "parentId" IS NOT NULL ORDER BY "id" LIMIT 3) i
    WHERE c."key" LIKE 'synthetic-%'`);
  await db.$executeRawUnsafe(`
    INSERT INTO "IndustryReport" ("industryId", "reportId", "reportPosition")
    SELECT i."id", r."id", r."position" FROM "Industry" i CROSS JOIN "RelatedReport" r ON CONFLICT DO NOTHING`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Party" ("key", "nameZhHant", "nameZhHans", "nameEn", "aliases", "kind")
    SELECT 'synthetic-p-' || g, '合成單位' || g, '合成单位' || g, 'Synthetic body ' || g, '{}', 'OTHER' FROM generate_series(1, 150) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Official" ("key", "nameZhHant", "nameZhHans", "nameEn")
    SELECT 'synthetic-o-' || g, '合成人' || g, '合成人' || g, 'Synthetic person ' || g FROM generate_series(1, 300) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Position" ("officialId", "organizationId", "rank", "titleZhHant", "titleZhHans", "titleEn")
    SELECT o."id", p."id", r, '職' || r, '职' || r, 'Post ' || r
    FROM (SELECT "id", row_number() OVER (ORDER BY "id") n FROM "Official" WHERE "key" LIKE 'synthetic-%') o
    JOIN (SELECT "id", row_number() OVER (ORDER BY "id") n FROM "Party" WHERE "key" LIKE 'synthetic-%') p ON p.n = (o.n % 150) + 1
    CROSS JOIN generate_series(0, 1) r`);
  await db.$executeRawUnsafe(`
    INSERT INTO "SearchTerm" ("entityType", "entityId", "term", "isName")
    SELECT 'PARTY'::"SearchEntityType", "id", 'synthetic' || "id", true FROM "Party" WHERE "key" LIKE 'synthetic-%'
    UNION ALL SELECT 'OFFICIAL'::"SearchEntityType", "id", 'synthetic' || "id", true FROM "Official" WHERE "key" LIKE 'synthetic-%'
    UNION ALL SELECT 'COMMITMENT'::"SearchEntityType", "id", 'synthetic' || "id", false FROM "Commitment" WHERE "key" LIKE 'synthetic-%'`);
  // What a query of one or two characters finds them by: the first one and two letters.
  await db.$executeRawUnsafe(`
    INSERT INTO "SearchGram" ("gram", "entityType", "entityId")
    SELECT g, "entityType", "entityId" FROM "SearchTerm", unnest(ARRAY['s', 'sy']) g WHERE "term" LIKE 'synthetic%'`);
});

/** Every item of a connection page by page: forwards by `first`/`after`, then backwards by `last`/`before`. */
async function walk<T>(
  pageOf: (args: Record<string, unknown>) => Promise<any>,
  size: { first: number; last: number },
  item: (edge: any) => T,
) {
  const forwards: T[] = [];
  let page = await pageOf({ first: size.first });
  forwards.push(...page.edges.map(item));
  while (page.pageInfo.hasNextPage) {
    page = await pageOf({ first: size.first, after: page.edges[page.edges.length - 1].cursor });
    forwards.push(...page.edges.map(item));
  }
  const backwards: T[] = [];
  page = await pageOf({ last: size.last });
  backwards.unshift(...page.edges.map(item));
  while (page.pageInfo.hasPreviousPage) {
    page = await pageOf({ last: size.last, before: page.edges[0].cursor });
    backwards.unshift(...page.edges.map(item));
  }
  return { forwards, backwards };
}

const agreementTree = /* GraphQL */ `
  query ($first: Int!) {
    agreements(first: $first) {
      totalCount
      edges { node { id title { en } parties { party { name { en } } } participants { official { name { en } } }
        commitments(first: 10) { totalCount edges { node { id text { en }
          industries(first: 5) { totalCount edges { node { id name { en }
            relatedReports(first: 5) { totalCount edges { node { id title { zhHant } marketSize { amount } } } } } } } } } } } }
    }
  }`;

const partyTree = /* GraphQL */ `
  query ($first: Int!) {
    parties(first: $first) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id name { en } officials(first: 5) { totalCount edges { node { id name { en }
        positions { title { en } organization { id name { en } } } } } } } }
    }
  }`;

const searchTree = /* GraphQL */ `
  query ($first: Int!, $after: String, $q: String = "synthetic") {
    search(query: $q, first: $first, after: $after) {
      totalCount
      edges { node {
        ... on Party { id name { en } officials(first: 3) { totalCount edges { node { id name { en } } } } }
        ... on Official { id name { en } positions { organization { name { en } } } }
        ... on Commitment { id agreement { title { en } } industries(first: 3) { edges { node { name { en } } } } }
      } }
    }
  }`;

const nodesQuery = /* GraphQL */ `
  query ($ids: [ID!]!) {
    nodes(ids: $ids) {
      id
      ... on Party { name { en } officials(first: 2) { totalCount } }
      ... on Official { name { en } positions { organization { name { en } } } }
      ... on Commitment { text { en } agreement { year } industries(first: 2) { edges { node { name { en } } } } }
    }
  }`;

const pageWithCount = /* GraphQL */ `
  query ($first: Int!) { parties(first: $first) { totalCount edges { cursor node { id name { en } } } } }`;

describe('nested reads cost the same number of SQL statements for 1 parent and for 100', () => {
  it('agreements → commitments → industries → relatedReports', async () => {
    const one = await statements(agreementTree, { first: 1 });
    const many = await statements(agreementTree, { first: 100 });
    const page = await query(agreementTree, { first: 100 });
    expect(page.agreements.edges).toHaveLength(100);
    expect(page.agreements.edges.flatMap((e: any) => e.node.commitments.edges)).toHaveLength(10 + 99 * 5);
    expect({ one, many }).toEqual({ one: many, many: one });
    expect(one).toMatchInlineSnapshot(`6`);
  });

  it('commitments → the related reports of their industries and the industries beneath', async () => {
    const tree = `query ($first: Int!) { agreements(first: $first) { edges { node { commitments(first: 10) { edges { node {
      relatedReports(first: 5) { totalCount edges { node { id title { en } } } } } } } } } } }`;
    const one = await statements(tree, { first: 1 });
    const many = await statements(tree, { first: 100 });
    const page = await query(tree, { first: 100 });
    const counts = page.agreements.edges.flatMap((a: any) =>
      a.node.commitments.edges.map((c: any) => c.node.relatedReports.totalCount),
    );
    expect(counts).toHaveLength(10 + 99 * 5);
    expect(counts.some((count: number) => count > 0)).toBe(true);
    expect(one).toBe(many);
    expect(one).toMatchInlineSnapshot(`3`);
  });

  it('parties → officials → positions → organisation', async () => {
    const one = await statements(partyTree, { first: 1 });
    const many = await statements(partyTree, { first: 100 });
    expect(one).toBe(many);
    expect(one).toMatchInlineSnapshot(`4`);
  });

  it('search results with nested fields', async () => {
    // Results are loaded per type, so compare pages that hold the same three types.
    const types = async (first: number) =>
      new Set((await query(searchTree, { first })).search.edges.map((e: any) => Object.keys(e.node).join()));
    expect(await types(100)).toEqual(await types(12));
    const one = await statements(searchTree, { first: 12 });
    const many = await statements(searchTree, { first: 100 });
    const page = await query(searchTree, { first: 100 });
    expect(page.search.edges).toHaveLength(100);
    expect(page.search.totalCount).toBe(150 + 300 + 600);
    expect(one).toBe(many);
    expect(one).toMatchInlineSnapshot(`5`);
  });

  it('search by a query of two letters, and a page that runs from the names into the other texts', async () => {
    const short = { q: 'sy' };
    const page = await query(searchTree, { ...short, first: 100 });
    expect(page.search.totalCount).toBe(150 + 300 + 600);
    expect(await statements(searchTree, { ...short, first: 12 })).toBe(
      await statements(searchTree, { ...short, first: 100 }),
    );
    expect(await statements(searchTree, { ...short, first: 100 })).toMatchInlineSnapshot(`5`);
    // The 450 names, then the commitments' texts: the page reads the names' tier, the initials' (empty) and the texts'.
    const across = { ...short, first: 100, after: Buffer.from('Query.search|OffsetConnection:399').toString('base64') };
    const crossing = await query(searchTree, across);
    expect(crossing.search.edges.map((e: any) => Object.keys(e.node).includes('agreement'))).toEqual([
      ...Array(50).fill(false),
      ...Array(50).fill(true),
    ]);
    expect(await statements(searchTree, across)).toMatchInlineSnapshot(`9`);
  });

  it('nodes with 100 mixed ids', async () => {
    const parties = await query(`{ parties(first: 40) { edges { node { id } } } }`);
    const officials = await query(`{ officials(first: 30) { edges { node { id } } } }`);
    const commitments = await query(`{ commitments(first: 30) { edges { node { id } } } }`);
    const ids = [parties.parties, officials.officials, commitments.commitments].flatMap((c) =>
      c.edges.map((e: any) => e.node.id),
    );
    expect(ids).toHaveLength(100);
    const one = await statements(nodesQuery, { ids: ids.slice(0, 1) });
    const mixedOne = await statements(nodesQuery, { ids: [ids[0], ids[40], ids[70]] });
    const many = await statements(nodesQuery, { ids });
    const result = await query(nodesQuery, { ids });
    expect(result.nodes.map((n: any) => n.id)).toEqual(ids);
    expect(many).toBe(mixedOne);
    expect({ one, mixedOne }).toMatchInlineSnapshot(`
      {
        "mixedOne": 5,
        "one": 2,
      }
    `);
  });

  it('a detail page by node(id): one joined statement for 1 id and for 100, Prisma where the join cannot read', async () => {
    const detail = /* GraphQL */ `
      query ($ids: [ID!]!) {
        nodes(ids: $ids) { ... on Commitment { text { en } agreement { title { en } parties { role party { name { en } } } } } }
      }`;
    const listed = await query(`{ commitments(first: 100) { edges { node { id } } } }`);
    const ids = listed.commitments.edges.map((e: any) => e.node.id);
    expect(ids).toHaveLength(100);
    const one = await sent(detail, { ids: ids.slice(0, 1) });
    const many = await sent(detail, { ids });
    expect({ one: one.length, many: many.length }).toEqual({ one: 1, many: 1 });
    expect(many[0]).toMatch(
      /^SELECT t0\."id" .* FROM "Commitment" t0 LEFT JOIN "Agreement" t1 .* WHERE t0\."id" = ANY\(\$1::int\[\]\)/s,
    );
    const result = await query(detail, { ids });
    // The article's agreement has its two signatories; the synthetic ones have no parties.
    expect(new Set(result.nodes.map((n: any) => n.agreement.parties.length))).toEqual(new Set([2, 0]));
    const node = await query(
      `query ($id: ID!) { node(id: $id) { ... on Commitment { text { en } agreement { year } } } }`,
      {
        id: ids[0],
      },
    );
    expect(node.node).toEqual({ text: result.nodes[0].text, agreement: { year: 2012 } });
    // Targets hold a Decimal, which Prisma's client reads.
    const withTargets = `query ($id: ID!) { node(id: $id) { ... on Commitment { targets { quantity } } } }`;
    expect((await sent(withTargets, { id: ids[0] })).some((sql) => sql.includes('t0.'))).toBe(false);
    expect((await query(withTargets, { id: ids[0] })).node.targets).toEqual(expect.any(Array));
  });

  it('one page statement for a connection selected twice with the same arguments and columns', async () => {
    const commitments = (alias: string) => `${alias}: commitments(first: 2) { edges { node { text { en } } } }`;
    const once = `{ agreements(first: 100) { edges { node { ${commitments('a')} } } } }`;
    const twice = `{ agreements(first: 100) { edges { node { ${commitments('a')} ${commitments('b')} } } } }`;
    expect(await statements(twice)).toBe(await statements(once));
    const { agreements } = await query(twice);
    expect(agreements.edges.map((e: any) => e.node.b)).toEqual(agreements.edges.map((e: any) => e.node.a));
    expect(agreements.edges.flatMap((e: any) => e.node.a.edges).length).toBeGreaterThan(100);
  });

  it('a nested page and its totalCount in one statement, a parent without items counted 0', async () => {
    const counted = `{ parties(first: 100) { edges { node { officials(first: 1) { totalCount edges { node { id } } } } } } }`;
    const whole = `{ parties(first: 100) { edges { node { officials(first: 100) { edges { node { id } } } } } } }`;
    const sql = await sent(counted);
    expect(sql).toHaveLength(2);
    expect(sql[1]).toMatch(/CROSS JOIN LATERAL \(SELECT count\(\*\)::int AS n .* LEFT JOIN LATERAL/s);
    const totals = (await query(counted)).parties.edges.map((e: any) => e.node.officials.totalCount);
    const lengths = (await query(whole)).parties.edges.map((e: any) => e.node.officials.edges.length);
    expect(totals).toEqual(lengths);
    expect(totals).toContain(0);
    expect(new Set(totals).size).toBeGreaterThan(1);
  });

  it('a connection page with totalCount', async () => {
    const one = await statements(pageWithCount, { first: 1 });
    const many = await statements(pageWithCount, { first: 100 });
    expect(one).toBe(many);
    const capped = await query(pageWithCount, { first: 500 });
    expect(capped.parties.edges).toHaveLength(100);
    expect(capped.parties.totalCount).toBeGreaterThan(100);
    expect(one).toMatchInlineSnapshot(`2`);
  });
});

describe('pages cut from a link table’s index', () => {
  const industry = /* GraphQL */ `
    query ($first: Int, $after: String, $last: Int, $before: String) {
      industries(first: 1) { edges { node {
        relatedReports(first: $first, after: $after, last: $last, before: $before) {
          pageInfo { hasNextPage hasPreviousPage } edges { cursor node { id } } } } } }
    }`;
  const reportsOf = async (args: Record<string, unknown>) =>
    (await query(industry, args)).industries.edges[0].node.relatedReports;
  const ids = (page: any) => page.edges.map((e: any) => e.node.id);

  // Listed order opposite to id order, so that a page in id order shows; the links follow by ON UPDATE CASCADE.
  beforeAll(async () => {
    await db.$executeRawUnsafe(`UPDATE "RelatedReport" SET "position" = 1000 - "position"`);
  });

  it('walk forwards and backwards over the same reports, in the order the article lists them', async () => {
    const listed = await query(`{ relatedReports(first: 100) { edges { node { id } } } }`);
    const all = await reportsOf({ first: 100 });
    expect(ids(all)).toEqual(listed.relatedReports.edges.map((e: any) => e.node.id));
    expect(ids(all).length).toBeGreaterThan(6);

    const { forwards, backwards } = await walk(reportsOf, { first: 3, last: 4 }, (e) => e.node.id);
    expect(forwards).toEqual(ids(all));
    expect(backwards).toEqual(ids(all));
  });
});

describe("agreements' participants, read in one join", () => {
  const person = `official { id name { zhHant zhHans en pinyin }
    positions { title { zhHant zhHans en } organization { id name { zhHant en pinyin } aliases kind } } }`;
  const participation = `roles capacity { zhHant zhHans en } ${person}`;

  it('answer as the same participations do when Prisma loads them from their officials', async () => {
    const joined = await query(
      `{ agreements(first: 100) { edges { node { id participants { ${participation} } } } } }`,
    );
    const viaPrisma = await query(
      `{ officials(first: 100) { edges { node { participations { agreement { id } ${participation} } } } } }`,
    );
    const byAgreement = new Map<string, unknown[]>();
    for (const { node } of viaPrisma.officials.edges) {
      for (const { agreement, ...rest } of node.participations) {
        byAgreement.set(agreement.id, [...(byAgreement.get(agreement.id) ?? []), rest]);
      }
    }
    const withParticipants = joined.agreements.edges.filter(({ node }: any) => node.participants.length > 0);
    expect(withParticipants.length).toBeGreaterThan(0);
    for (const { node } of withParticipants) {
      const sorted = (list: unknown[]) => list.map((item) => JSON.stringify(item)).sort();
      expect(sorted(node.participants)).toEqual(sorted(byAgreement.get(node.id) ?? []));
    }
  });

  it('in one statement for every agreement, and through Prisma where a selection reaches past the join', async () => {
    const covered = `query ($first: Int!) { agreements(first: $first) { edges { node { participants { ${participation} } } } } }`;
    expect(await statements(covered, { first: 1 })).toBe(await statements(covered, { first: 100 }));
    expect(await statements(covered, { first: 100 })).toBe(2);
    const reach = `id agreements(first: 1) { totalCount edges { node { year } } }`;
    const beyond = `{ agreements(first: 1) { edges { node { participants { official {
      positions { organization { ${reach} } } } } } } } }`;
    const [agreement] = (await query(beyond)).agreements.edges;
    const organizations = agreement.node.participants.flatMap((p: any) =>
      p.official.positions.map((x: any) => x.organization),
    );
    expect(organizations.length).toBeGreaterThan(0);
    const { nodes } = await query(`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Party { ${reach} } } }`, {
      ids: organizations.map((organization: any) => organization.id),
    });
    expect(organizations).toEqual(nodes);
  });
});

describe('pages whose edges answer with another row', () => {
  // A synthetic party's officials: two officials with two positions each, one edge per position.
  const officials = /* GraphQL */ `
    query ($party: ID!, $first: Int, $after: String, $last: Int, $before: String) {
      node(id: $party) { ... on Party {
        officials(first: $first, after: $after, last: $last, before: $before) {
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } } }
    }`;
  let party: string;
  beforeAll(async () => {
    party = (await query(`{ parties(last: 1) { edges { node { id } } } }`)).parties.edges[0].node.id;
  });
  const officialsOf = async (args: Record<string, unknown>) =>
    (await query(officials, { party, ...args })).node.officials;
  const edges = (page: any) => page.edges.map((e: any) => [e.cursor, e.node.id]);

  it('take their cursors from the item, so that a node met twice is paged past once each time', async () => {
    const whole = await officialsOf({ first: 100 });
    const all = edges(whole);
    expect(all).toHaveLength(4);
    expect([whole.pageInfo.startCursor, whole.pageInfo.endCursor]).toEqual([all[0][0], all[3][0]]);
    expect(new Set(all.map(([, id]: string[]) => id)).size).toBe(2);
    expect(new Set(all.map(([cursor]: string[]) => cursor)).size).toBe(4);

    const { forwards, backwards } = await walk(officialsOf, { first: 1, last: 1 }, (e) => [e.cursor, e.node.id]);
    expect(forwards).toEqual(all);
    expect(backwards).toEqual(all);
  });
});

describe('top-level pages of plain columns, read through the driver', () => {
  const roots = [
    ['parties', ''],
    ['parties', ', kind: OTHER'],
    ['agreements', ''],
    ['officials', ''],
    ['industries', ''],
    ['commitments', ''],
    ['commitments', ', status: PLEDGED'],
    ['relatedReports', ''],
  ];
  // Asking for a relation of the nodes sends the same page through Prisma instead.
  const page = async (field: string, filter: string, args: Record<string, unknown>, viaPrisma: boolean) =>
    (
      await query(
        `query ($first: Int, $after: String, $last: Int, $before: String) {
          root: ${field}(first: $first, after: $after, last: $last, before: $before${filter}) {
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges { cursor node { id ${viaPrisma ? 'sources { __typename }' : ''} } } } }`,
        args,
      )
    ).root;
  const plain = (connection: any) => ({
    ...connection,
    edges: connection.edges.map((e: any) => [e.cursor, e.node.id]),
  });

  it.each(roots)('%s%s gives the pages Prisma gives, forwards and backwards', async (field, filter) => {
    const { edges } = await page(field, filter, { first: 12 }, false);
    expect(edges.length).toBeGreaterThanOrEqual(10);
    for (const args of [
      { first: 7 },
      { first: 4, after: edges[3].cursor },
      { last: 5 },
      { last: 3, before: edges[8].cursor },
    ]) {
      expect(plain(await page(field, filter, args, false))).toEqual(plain(await page(field, filter, args, true)));
    }
  });
});

describe("a source document's quotes and the entities it is the source of", () => {
  it('cost the same statements for 1 document and for 30', async () => {
    await db.$executeRawUnsafe(`
      INSERT INTO "SourceDocument" ("key", "titleZhHant", "titleZhHans", "rawText", "text")
      SELECT 'synthetic-d-' || g, '合成文件' || g, '合成文件' || g, '合成文件', '合成文件' FROM generate_series(1, 29) g`);
    await db.$executeRawUnsafe(`
      INSERT INTO "SourceQuote" ("key", "documentId", "start", "end", "text", "partyId")
      SELECT 'q', d."id", 0, 2, '合成', p."id" FROM "SourceDocument" d
      JOIN (SELECT "id", row_number() OVER (ORDER BY "id") n FROM "Party" WHERE "key" LIKE 'synthetic-%') p
        ON p.n = ('0' || substring(d."key" from 'synthetic-d-(\\d+)'))::int
      WHERE d."key" LIKE 'synthetic-%'`);
    const tree = `query ($first: Int!) { sourceDocuments(first: $first) { edges { node { key: id
      quotes(first: 3) { totalCount edges { node { text } } }
      agreements { id } parties { id name { en } } officials { id } commitments { id } industries { id } relatedReports { id }
    } } } }`;
    const one = await statements(tree, { first: 1 });
    const many = await statements(tree, { first: 30 });
    const page = await query(tree, { first: 30 });
    const [article, ...synthetic] = page.sourceDocuments.edges.map((edge: any) => edge.node);
    expect(synthetic).toHaveLength(29);
    for (const document of synthetic) {
      expect(document.parties).toHaveLength(1);
      expect(document.parties[0].name.en).toMatch(/^Synthetic body /);
      expect(document.quotes.totalCount).toBe(1);
      expect(document.officials).toEqual([]);
    }
    const quoted = await db.party.count({ where: { quotes: { some: { document: { key: 'xiangyang-2012' } } } } });
    expect(article.parties).toHaveLength(quoted);
    expect(article.quotes.totalCount).toBe(
      await db.sourceQuote.count({ where: { document: { key: 'xiangyang-2012' } } }),
    );
    expect(one).toBe(many);
    expect(one).toMatchInlineSnapshot(`8`);
  });
});
