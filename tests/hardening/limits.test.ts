import { complexityFromQuery } from '@pothos/plugin-complexity';
import { Lexer, parse, Source, TokenKind } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Limits } from '../../src/config.js';
import { schema } from '../../src/graphql/schema.js';
import type { createApp } from '../../src/http/app.js';
import { costVariables } from '../../src/http/cost-limits.js';
import { apiConfig, useApp } from '../support/app.js';

const { makeApp } = useApp();

async function post(app: ReturnType<typeof createApp>, body: string, headers: Record<string, string> = {}) {
  const response = await app.fetch('http://api.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) };
}

const send = (limits: Partial<Limits>, body: string, headers: Record<string, string> = {}) =>
  post(makeApp(apiConfig({ limits })), body, headers);

const run = (limits: Partial<Limits>, query: string) => send(limits, JSON.stringify({ query }));
const codes = (result: { body: { errors?: { extensions?: { code?: string } }[] } }) =>
  (result.body.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE');

function tokens(query: string) {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

const measure = (query: string) => complexityFromQuery(query, { schema });
const parents = (n: number) =>
  `{ industries(first: 1) { edges { node { ${'parent { '.repeat(n)}id${' }'.repeat(n)} } } } }`;
const page = (first: number) => `{ parties(first: ${first}) { edges { node { name { zhHant en } } } } }`;

describe('limits refuse what is over them and admit what is just under', () => {
  it('depth', async () => {
    const depth = measure(parents(3)).depth;
    expect(codes(await run({ depth }, parents(3)))).toEqual([]);
    const over = await run({ depth }, parents(4));
    expect(codes(over)).toEqual(['QUERY_TOO_DEEP']);
    expect(over.body.errors[0].extensions).toMatchObject({ depth: depth + 1, limit: depth });
  });

  it('cost, counting page sizes: first multiplies what is under it', async () => {
    const cost = measure(page(10)).complexity;
    expect(measure(page(20)).complexity).toBeGreaterThan(cost * 1.9);
    expect(codes(await run({ cost }, page(10)))).toEqual([]);
    expect(codes(await run({ cost }, page(11)))).toEqual(['QUERY_TOO_COSTLY']);
  });

  it('cost of a connection asked for without first or last: its default page', async () => {
    const unsized = `{ parties { edges { node { name { zhHant en } } } } }`;
    expect(measure(unsized).complexity).toBe(measure(page(20)).complexity);
    const nested = (first: string) =>
      `{ agreements${first} { edges { node { commitments${first} { edges { node { industries${first} { edges { node { id } } } } } } } } } }`;
    expect(measure(nested('')).complexity).toBe(measure(nested('(first: 20)')).complexity);
    expect(codes(await run({ cost: measure(page(19)).complexity }, unsized))).toEqual(['QUERY_TOO_COSTLY']);
  });

  it('cost of one document with other variables, and of the operation operationName picks', async () => {
    const cost = measure(page(10)).complexity;
    const app = makeApp(apiConfig({ limits: { cost } }));
    const query = `query Page($n: Int!) { parties(first: $n) { edges { node { name { zhHant en } } } } }
      query Small { agreements(first: 1) { totalCount } }`;
    const postOperation = (operationName: string, variables: Record<string, unknown> = {}) =>
      post(app, JSON.stringify({ query, operationName, variables }));
    // The same document, measured again for every value of the variable that sets its cost, in either order.
    for (const n of [10, 11, 10, 11]) {
      const answer = await postOperation('Page', { n });
      expect(codes(answer)).toEqual(n > 10 ? ['QUERY_TOO_COSTLY'] : []);
      if (n > 10) expect(answer).toMatchObject({ status: 400, body: { errors: [{ extensions: { limit: cost } }] } });
      else expect(answer.body.data.parties.edges.length).toBeGreaterThan(0);
    }
    expect(codes(await postOperation('Small'))).toEqual([]);
    // Variables that do not coerce are execution's to refuse, with its own message.
    const uncoerced = await postOperation('Page', { n: 'ten' });
    expect(uncoerced.body.errors).toHaveLength(1);
    expect(uncoerced.body.errors[0].message).toMatch(/Variable "\$n" got invalid value "ten"/);
  });

  it('a measurement is kept by the variables that set a cost, and only those', async () => {
    const document = parse(`query ($n: Int, $last: Int, $after: String, $ids: [ID!]!, $with: Boolean!) {
      parties(first: $n, after: $after) @include(if: $with) { edges { node { id } } }
      agreements(last: $last) { edges { node { commitments(first: 2, after: $after) { totalCount } } } }
      nodes(ids: $ids) { id }
    }`);
    expect(costVariables(document)).toEqual(['n', 'last', 'ids']);
    const cost = measure(page(10)).complexity;
    const query = `query ($n: Int, $after: String) { parties(first: $n, after: $after) { edges { node { name { zhHant en } } } } }`;
    const { edges } = (await run({}, '{ parties(first: 2) { edges { cursor } } }')).body.data.parties;
    // One app, so that every request after the first may be answered from the measurements it keeps.
    const app = makeApp(apiConfig({ limits: { cost } }));
    const sendPage = (n: number | null | undefined, after: string) =>
      post(app, JSON.stringify({ query, variables: n === undefined ? { after } : { n, after } })).then(codes);
    expect(await sendPage(10, edges[0].cursor)).toEqual([]);
    expect(await sendPage(11, edges[0].cursor)).toEqual(['QUERY_TOO_COSTLY']);
    expect(await sendPage(10, edges[1].cursor)).toEqual([]);
    expect(await sendPage(null, edges[1].cursor)).toEqual(['QUERY_TOO_COSTLY']);
    expect(await sendPage(undefined, edges[0].cursor)).toEqual(['QUERY_TOO_COSTLY']);
  });

  it('measures each example and benchmark operation as the complexity plugin does, at its limits exactly', async () => {
    const { readFileSync } = await import('node:fs');
    const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    const ids = await run({}, '{ agreements(first: 1) { edges { node { id } } } }');
    const id = ids.body.data.agreements.edges[0].node.id;
    const operations: [string, Record<string, unknown>][] = [
      ['schema/operations/AgreementTree.graphql', {}],
      ['schema/operations/NodeWithSources.graphql', { id }],
      ['schema/operations/PartyOfficials.graphql', { kind: 'GOVERNMENT' }],
      ['schema/operations/Search.graphql', { query: '襄阳', first: 5 }],
      ['bench/operations/Q3.graphql', {}],
      ['bench/operations/Q6.graphql', {}],
    ];
    for (const [file, variables] of operations) {
      const query = read(file);
      const { complexity, depth } = complexityFromQuery(query, { schema, variables });
      const body = JSON.stringify({ query, variables });
      const at = (limits: Partial<Limits>) => send({ cost: 10_000_000, depth: 100, ...limits }, body).then(codes);
      expect(await at({ cost: complexity, depth }), file).toEqual([]);
      expect(await at({ cost: complexity - 1 }), file).toEqual(['QUERY_TOO_COSTLY']);
      expect(await at({ depth: depth - 1 }), file).toEqual(['QUERY_TOO_DEEP']);
    }
  });

  it('aliases', async () => {
    const aliased = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: agreements(first: 1) { totalCount }`).join(' ')} }`;
    expect(codes(await run({ aliases: 3 }, aliased(3)))).toEqual([]);
    const over = await run({ aliases: 3 }, aliased(4));
    expect(over.body.errors[0].message).toMatch(/alias/i);
  });

  it('tokens', async () => {
    const query = `{ agreements(first: 1) { totalCount edges { node { year } } } }`;
    const count = tokens(query);
    expect(codes(await run({ tokens: count }, query))).toEqual([]);
    const over = await run({ tokens: count - 1 }, query);
    expect(over.body.errors[0].message).toMatch(/token/i);
  });

  it('directives', async () => {
    const directed = (n: number) =>
      `{ agreements(first: 1) { ${Array.from({ length: n }, (_, i) => `t${i}: totalCount @include(if: true)`).join(' ')} } }`;
    expect(codes(await run({ directives: 2 }, directed(2)))).toEqual([]);
    const over = await run({ directives: 2 }, directed(3));
    expect(over.body.errors[0].message).toMatch(/directive/i);
  });

  it('operations in one batched request', async () => {
    const batch = (n: number) =>
      JSON.stringify(Array.from({ length: n }, () => ({ query: '{ agreements { totalCount } }' })));
    const under = await send({ batch: 3 }, batch(3));
    expect(under.status).toBe(200);
    expect(under.body).toHaveLength(3);
    const over = await send({ batch: 3 }, batch(4));
    expect(over.status).toBeGreaterThanOrEqual(400);
    expect(over.status).toBeLessThan(500);
  });

  it('request body and URL size', async () => {
    const body = JSON.stringify({ query: '{ agreements { totalCount } }' });
    const size = Buffer.byteLength(body);
    expect((await send({ bodyBytes: size }, body)).status).toBe(200);
    const over = await send({ bodyBytes: size - 1 }, body);
    expect(over.status).toBe(413);
    expect(codes(over)).toEqual(['REQUEST_TOO_LARGE']);
    const get = (limit: number) =>
      makeApp(apiConfig({ limits: { bodyBytes: limit } })).fetch(
        `http://api.test/graphql?query=${encodeURIComponent('{ agreements { totalCount } }')}`,
        { headers: { 'x-graphql-yoga-csrf': '1' } },
      );
    const url = `http://api.test/graphql?query=${encodeURIComponent('{ agreements { totalCount } }')}`;
    expect((await get(url.length)).status).toBe(200);
    expect((await get(url.length - 1)).status).toBe(414);
  });

  it('page size: at most 100 items whatever is asked, and costed as 100', async () => {
    expect(measure(page(100_000)).complexity).toBe(measure(page(100)).complexity);
    const { body } = await run({}, page(100_000));
    expect(body.errors).toBeUndefined();
    expect(body.data.parties.edges.length).toBeLessThanOrEqual(100);
  });

  it('defaults admit the deepest legitimate operation, the example AgreementTree', async () => {
    const { readFileSync } = await import('node:fs');
    const tree = readFileSync(new URL('../../schema/operations/AgreementTree.graphql', import.meta.url), 'utf8');
    const defaults = apiConfig().limits;
    const measured = measure(tree);
    expect(measured.depth).toBeLessThanOrEqual(defaults.depth);
    expect(measured.complexity).toBeLessThanOrEqual(defaults.cost);
    expect(tokens(tree)).toBeLessThanOrEqual(defaults.tokens);
    expect(codes(await run({}, tree))).toEqual([]);
  });
});
