import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app.js';

const { app, graphql, query } = useApp();

const searchNames = `query ($q: String!) { search(query: $q, first: 5) { totalCount edges { node {
  __typename ... on Party { name { en } } ... on Official { name { en } } ... on Industry { name { en } } } } } }`;

describe('search', () => {
  it.each(['襄阳', '襄陽', 'xiangyang', 'Xiangyang', 'XIANG YANG', 'Xiāngyáng'])(
    'finds the city first for %s',
    async (q) => {
      const data = await query(searchNames, { q });
      expect(data.search.edges[0].node).toEqual({ __typename: 'Party', name: { en: 'Xiangyang City' } });
      expect(data.search.totalCount).toBeGreaterThan(1);
    },
  );

  it('finds officials by pinyin without tones and by English name, and industries in Simplified Chinese', async () => {
    expect((await query(searchNames, { q: 'bie bixiong' })).search.edges[0].node.name.en).toMatch(/Bie Bixiong/);
    expect((await query(searchNames, { q: 'Fan Ruiping' })).search.edges[0].node.__typename).toBe('Official');
    expect((await query(searchNames, { q: '新能源汽车' })).search.edges[0].node).toMatchObject({
      __typename: 'Industry',
    });
  });

  it('refuses an empty or blank query with a clean error', async () => {
    const { status, body } = await graphql(searchNames, { q: '  ' });
    expect(status).toBe(200);
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('nodes and IDs', () => {
  it('resolves every kind of entity by the id it returns', async () => {
    const ids = await query(`{
      agreements(first: 1) { edges { node { id } } } parties(first: 1) { edges { node { id } } }
      officials(first: 1) { edges { node { id } } } commitments(first: 1) { edges { node { id } } }
      industries(first: 1) { edges { node { id } } } relatedReports(first: 1) { edges { node { id } } }
      sourceDocuments(first: 1) { edges { node { id } } } }`);
    const list = Object.values(ids).map((c: any) => c.edges[0].node.id);
    const data = await query(`query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids: list });
    expect(data.nodes.map((n: any) => n.__typename)).toEqual([
      'Agreement',
      'Party',
      'Official',
      'Commitment',
      'Industry',
      'RelatedReport',
      'SourceDocument',
    ]);
    expect(data.nodes.map((n: any) => n.id)).toEqual(list);
  });

  it('gives null for an unknown id and a BAD_USER_INPUT error for a malformed one, never a 500', async () => {
    const unknown = Buffer.from('Party:99999').toString('base64');
    expect(await query(`{ node(id: "${unknown}") { id } }`)).toEqual({ node: null });
    for (const bad of [
      'nope',
      Buffer.from('Secret:1').toString('base64'),
      Buffer.from('Party:abc').toString('base64'),
    ]) {
      const { status, body } = await graphql(`query ($id: ID!) { node(id: $id) { id } }`, { id: bad });
      expect(status).toBe(200);
      expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    }
  });
});

describe('the article graph, both ways along every relation', () => {
  it('agreement → signatories, participants, commitments, and back', async () => {
    const data = await query(`{ agreements(first: 1) { edges { node { year cooperationAreas { zhHant }
      parties { role party { name { en } agreements(first: 5) { totalCount edges { node { year } } } } }
      participants { roles capacity { zhHant } official { name { zhHant pinyin } participations { agreement { year } } } }
      commitments(first: 100) { totalCount edges { node { committedBy { name { en } } targets { quantity unit { zhHant } }
        agreement { year } } } } } } } }`);
    const agreement = data.agreements.edges[0].node;
    expect(agreement.year).toBe(2012);
    expect(agreement.cooperationAreas.map((a: any) => a.zhHant)).toContain('計量惠民');
    expect(agreement.parties.map((p: any) => p.party.name.en).sort()).toEqual([
      'Hubei Provincial Bureau of Quality and Technical Supervision',
      'Xiangyang City',
    ]);
    expect(agreement.parties[0].party.agreements).toMatchObject({ totalCount: 1, edges: [{ node: { year: 2012 } }] });
    const signers = agreement.participants.filter((p: any) => p.roles.includes('SIGNED'));
    expect(signers.map((p: any) => [p.official.name.zhHant, p.capacity.zhHant])).toEqual([
      ['王澤洪', '局長'],
      ['別必雄', '市長'],
    ]);
    expect(agreement.participants.find((p: any) => p.roles.includes('PRESIDED')).official.name.pinyin).toBe('Yú Guóqí');
    const targets = agreement.commitments.edges.flatMap((e: any) =>
      e.node.targets.map((t: any) => `${t.quantity}${t.unit.zhHant}`),
    );
    expect(targets.sort()).toEqual(['10項', '2家', '3家']);
    expect(agreement.commitments.edges.some((e: any) => e.node.committedBy.length === 2)).toBe(true);
  });

  it('party ↔ officials ↔ positions, party ↔ commitments', async () => {
    const data = await query(`{ parties(first: 10, kind: GOVERNMENT) { edges { node { name { en pinyin } aliases
      officials(first: 10) { totalCount edges { node { name { zhHant } positions { title { zhHant } organization { name { en } } } } } }
      commitmentsMade(first: 50) { totalCount edges { node { committedBy { name { en } } } } }
      commitmentsReceived(first: 50) { totalCount } } } } }`);
    const city = data.parties.edges.find((e: any) => e.node.name.en === 'Xiangyang City').node;
    expect(city.name.pinyin).toBe('Xiāngyáng Shì');
    expect(city.aliases).toContain('襄陽');
    expect(city.officials.edges.map((e: any) => e.node.name.zhHant)).toEqual(
      expect.arrayContaining(['別必雄', '虞國旗', '傅振邦']),
    );
    const mayor = city.officials.edges.find((e: any) => e.node.name.zhHant === '別必雄').node;
    expect(mayor.positions).toEqual([{ title: { zhHant: '市長' }, organization: { name: { en: 'Xiangyang City' } } }]);
    expect(city.commitmentsMade.totalCount).toBeGreaterThan(0);
    for (const edge of city.commitmentsMade.edges)
      expect(edge.node.committedBy.map((p: any) => p.name.en)).toContain('Xiangyang City');
    expect(city.commitmentsReceived.totalCount).toBeGreaterThan(0);
  });

  it('industry taxonomy, commitments and related reports with exact market sizes', async () => {
    const data = await query(`{ relatedReports(first: 10) { totalCount edges { node { title { zhHant } author { zhHant }
      authorDamaged year region { en } publisher { name { en } } marketSize { amount exactAmount currency text }
      industries { name { en } parent { name { en } children { name { en } } }
        relatedReports(first: 5) { totalCount edges { node { title { zhHant } marketSize { amount exactAmount } } } } } } } } }`);
    const reports = data.relatedReports.edges.map((e: any) => e.node);
    expect(data.relatedReports.totalCount).toBe(10);
    expect(reports[0].marketSize).toEqual({
      amount: 290000000000,
      exactAmount: '290000000000',
      currency: 'USD',
      text: '2900億美元',
    });
    expect(reports[0]).toMatchObject({ year: 2024, region: { en: 'Global' } });
    expect(reports.find((r: any) => r.authorDamaged).author.zhHant).toBe('李明');
    const vehicles = reports[1].industries[0];
    expect(vehicles.parent.children.map((c: any) => c.name.en)).toContain(vehicles.name.en);
    expect(vehicles.relatedReports.totalCount).toBe(1);
    // Paged through the page loader's own SQL: the Decimal must survive that path too.
    expect(vehicles.relatedReports.edges[0].node).toEqual({
      title: reports[1].title,
      marketSize: { amount: reports[1].marketSize.amount, exactAmount: reports[1].marketSize.exactAmount },
    });
  });

  it('quotes are spans of the source document', async () => {
    const data = await query(`{ sourceDocuments(first: 1) { edges { node { text commentCount publisher { name { en } }
      } } } commitments(first: 100) { edges { node { sources { start end text document { id } } } } } }`);
    const doc = data.sourceDocuments.edges[0].node;
    expect(doc.commentCount).toBe(0);
    for (const edge of data.commitments.edges) {
      for (const q of edge.node.sources) expect(doc.text.slice(q.start, q.end)).toBe(q.text);
    }
  });
});

describe('connections', () => {
  it('page forwards and backwards with stable cursors and a default size', async () => {
    const all = await query(`{ parties(first: 100) { totalCount edges { cursor node { id } } } }`);
    const ids = all.parties.edges.map((e: any) => e.node.id);
    const first = await query(`{ parties(first: 5) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`);
    expect(first.parties.edges.map((e: any) => e.node.id)).toEqual(ids.slice(0, 5));
    const next = await query(
      `query ($after: String) { parties(first: 5, after: $after) { pageInfo { hasPreviousPage } edges { node { id } } } }`,
      {
        after: first.parties.pageInfo.endCursor,
      },
    );
    expect(next.parties.edges.map((e: any) => e.node.id)).toEqual(ids.slice(5, 10));
    const back = await query(
      `query ($before: String) { parties(last: 3, before: $before) { edges { node { id } } } }`,
      {
        before: all.parties.edges[5].cursor,
      },
    );
    expect(back.parties.edges.map((e: any) => e.node.id)).toEqual(ids.slice(2, 5));
    const defaults = await query(`{ commitments { edges { node { id } } } }`);
    expect(defaults.commitments.edges).toHaveLength(14);
  });

  it('gives the same backward page twice in the same order when two aliases ask for it', async () => {
    const data = await query(`{ agreements(first: 1) { edges { node {
      a: commitments(last: 20) { edges { cursor } } b: commitments(last: 20) { edges { cursor } } } } } }`);
    const { a, b } = data.agreements.edges[0].node;
    expect(a.edges).toHaveLength(14);
    expect(b.edges).toEqual(a.edges);
  });
});

describe('the server', () => {
  it('answers health and readiness, and GraphQL over GET', async () => {
    expect((await app.fetch('http://api.test/health')).status).toBe(200);
    const ready = await app.fetch('http://api.test/ready');
    expect([ready.status, await ready.text()]).toEqual([200, 'ready']);
    const get = await app.fetch(
      `http://api.test/graphql?query=${encodeURIComponent('{ agreements { totalCount } }')}`,
      {
        headers: { accept: 'application/graphql-response+json', 'x-graphql-yoga-csrf': '1' },
      },
    );
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { agreements: { totalCount: 1 } } });
  });

  it('masks unexpected errors and reports syntax errors with 400', async () => {
    const response = await app.fetch('http://api.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ agreements {' }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].message).toMatch(/Syntax Error/);
  });
});

describe('relations not covered above', () => {
  it('document → publisher, industry → commitments, commitment → beneficiaries and back', async () => {
    const data = await query(`{
      sourceDocuments(first: 1) { edges { node { title { zhHant } publisher { name { zhHant } } } } }
      industries(first: 100) { edges { node { name { en } commitments(first: 10) { totalCount edges { node { industries(first: 10) { edges { node { name { en } } } } } } } } } }
      commitments(first: 1) { edges { node { beneficiaries { name { en } commitmentsReceived(first: 20) { edges { node { id } } } } id } } } }`);
    expect(data.sourceDocuments.edges[0].node).toEqual({
      title: { zhHant: '襄陽產業發展迎來技術保證' },
      publisher: { name: { zhHant: '前瞻產業研究院' } },
    });
    const friction = data.industries.edges.find((e: any) => e.node.name.en === 'Friction materials').node;
    expect(friction.commitments.totalCount).toBe(1);
    expect(friction.commitments.edges[0].node.industries.edges.map((e: any) => e.node.name.en)).toContain(
      'Friction materials',
    );
    const first = data.commitments.edges[0].node;
    expect(first.beneficiaries.length).toBeGreaterThan(0);
    for (const party of first.beneficiaries)
      expect(party.commitmentsReceived.edges.map((e: any) => e.node.id)).toContain(first.id);
  });
});

describe('error shapes', () => {
  it('are stable for a malformed id, a blank search and a syntax error', async () => {
    const badId = await graphql(`{ node(id: "nope") { id } }`);
    const blank = await graphql(`{ search(query: " ") { totalCount } }`);
    const syntax = await graphql(`{ agreements {`);
    expect({ badId, blank, syntax }).toMatchInlineSnapshot(`
      {
        "badId": {
          "body": {
            "data": {
              "node": null,
            },
            "errors": [
              {
                "extensions": {
                  "code": "BAD_USER_INPUT",
                },
                "locations": [
                  {
                    "column": 3,
                    "line": 1,
                  },
                ],
                "message": ""nope" is not a valid ID: use an id returned by this API.",
                "path": [
                  "node",
                ],
              },
            ],
          },
          "status": 200,
        },
        "blank": {
          "body": {
            "data": null,
            "errors": [
              {
                "extensions": {
                  "argumentName": "query",
                  "code": "BAD_USER_INPUT",
                },
                "locations": [
                  {
                    "column": 3,
                    "line": 1,
                  },
                ],
                "message": "search needs a query with at least one letter, digit or Chinese character.",
                "path": [
                  "search",
                ],
              },
            ],
          },
          "status": 200,
        },
        "syntax": {
          "body": {
            "errors": [
              {
                "extensions": {
                  "code": "GRAPHQL_PARSE_FAILED",
                },
                "locations": [
                  {
                    "column": 15,
                    "line": 1,
                  },
                ],
                "message": "Syntax Error: Expected Name, found <EOF>.",
              },
            ],
          },
          "status": 400,
        },
      }
    `);
  });
});
