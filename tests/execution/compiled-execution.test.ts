import fs from 'node:fs';
import { type ExecutionResult, execute, type GraphQLFormattedError, getIntrospectionQuery, parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { readApiConfig } from '../../src/config.js';
import { createContext } from '../../src/graphql/context.js';
import { schema } from '../../src/graphql/schema.js';
import { compiledExecution } from '../../src/http/compiled-execution.js';
import { useApp } from '../support/app.js';

const { app, graphql, query, db, database } = useApp({ limits: { cost: 10_000_000 } });

/** What graphql-js answers for the operation, errors reduced to what a client reads. */
async function reference(source: string, variables: Record<string, unknown> = {}, operationName?: string) {
  const result = await execute({
    schema,
    document: parse(source),
    operationName,
    variableValues: variables,
    contextValue: createContext({ db, database }, readApiConfig().limits, 'ZH_HANT'),
  });
  return JSON.parse(JSON.stringify(result)) as { data?: unknown; errors?: GraphQLFormattedError[] };
}

/** The app's answer the second time it sees the operation, when it runs compiled. */
async function compiled(source: string, variables: Record<string, unknown>) {
  await graphql(source, variables);
  return graphql(source, variables);
}

const read = (file: string) => fs.readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const clientView = (errors: GraphQLFormattedError[] | undefined) =>
  errors?.map(({ message, path, locations }) => ({ message, path, locations }));

it('compiles a document the second time it comes, and runs it with graphql-js the first', async () => {
  const prototypes: unknown[] = [];
  const yoga = createYoga({
    schema,
    context: () => createContext({ db, database }, readApiConfig().limits, 'ZH_HANT'),
    plugins: [
      compiledExecution(schema),
      {
        onExecute: () => ({
          onExecuteDone: ({ result }: { result: unknown }) =>
            void prototypes.push(Object.getPrototypeOf((result as ExecutionResult).data)),
        }),
      },
    ],
  });
  const ask = (query: string) =>
    yoga.fetch('http://api.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
  for (const query of [
    '{ agreements { totalCount } }',
    '{ agreements { totalCount } }',
    '{ parties { totalCount } }',
  ]) {
    expect((await ask(query)).status).toBe(200);
  }
  // graphql-js builds results on null prototypes, graphql-jit on plain objects.
  expect(prototypes).toEqual([null, Object.prototype, null]);
});

describe('compiled execution answers as graphql-js does', () => {
  it('for every example and benchmark operation, and introspection', async () => {
    const { agreements } = await query('{ agreements(first: 1) { edges { node { id } } } }');
    const id = agreements.edges[0].node.id;
    const operations: [string, Record<string, unknown>][] = [
      ['schema/operations/AgreementTree.graphql', {}],
      ['schema/operations/NodeWithSources.graphql', { id }],
      ['schema/operations/PartyOfficials.graphql', { kind: 'GOVERNMENT' }],
      ['schema/operations/Search.graphql', { query: '襄阳', first: 5 }],
      ...['Q1', 'Q3', 'Q5', 'Q6'].map((name): [string, Record<string, unknown>] => [
        `bench/operations/${name}.graphql`,
        {},
      ]),
      ['bench/operations/Q5.graphql', { query: '襄阳' }],
      ['introspection', {}],
    ];
    for (const [file, variables] of operations) {
      const source = file === 'introspection' ? getIntrospectionQuery() : read(file);
      const { body } = await compiled(source, variables);
      const expected = await reference(source, variables);
      // The app gives each error a code (src/graphql/errors.ts) that graphql-js alone does not.
      expect(clientView(body.errors as GraphQLFormattedError[]), file).toEqual(clientView(expected.errors));
      for (const error of body.errors ?? []) expect(error.extensions?.code, file).toBeTypeOf('string');
      expect(body.data, file).toEqual(expected.data);
    }
  });

  it('for fragments, directives, aliases, abstract types and introspection', async () => {
    const source = `query ($withTitle: Boolean!, $skipYear: Boolean = true) {
      first: agreements(first: 2) { edges { node { ...parts title @include(if: $withTitle) { en } } } }
      again: agreements(first: 1) { totalCount pageInfo { hasNextPage endCursor } }
      search(query: "襄阳", first: 3) { edges { node { __typename ... on Party { kind } ... on Official { name { en } } } } }
      __type(name: "Agreement") { fields { name } }
    }
    fragment parts on Agreement { __typename id year @skip(if: $skipYear) parties { role party { name { zhHans } } } }`;
    for (const variables of [{ withTitle: true }, { withTitle: false, skipYear: false }]) {
      const { body } = await compiled(source, variables);
      const expected = await reference(source, variables);
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual(expected.data);
    }
  });

  it('for operations batched in one request, each with its own loaded rows', async () => {
    const batch = [
      { query: '{ agreements(first: 2) { edges { node { participants { official { name { en } } } } } } }' },
      { query: '{ agreements(first: 2) { edges { node { parties { role party { name { zhHans } } } } } } }' },
    ];
    const send = async () => {
      const response = await app.fetch('http://api.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(batch),
      });
      return (await response.json()) as { data?: unknown; errors?: unknown }[];
    };
    await send();
    const compiledAnswers = await send();
    const expected = await Promise.all(batch.map(({ query: source }) => reference(source)));
    expect(compiledAnswers).toEqual(expected);
  });

  it('for errors, with their messages, paths and locations', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['{ node(id: "nope") { id } }', {}],
      ['query ($id: ID!) { node(id: $id) { id } }', {}],
      ['query ($first: Int) { agreements(first: $first) { totalCount } }', { first: 'many' }],
      ['{\n  a: search(query: " ") { totalCount }\n  b: agreements(first: 1) { totalCount }\n}', {}],
    ];
    for (const [source, variables] of cases) {
      const { body } = await compiled(source, variables);
      const expected = await reference(source, variables);
      expect(expected.errors?.length, source).toBeGreaterThan(0);
      expect(clientView(body.errors as GraphQLFormattedError[]), source).toEqual(clientView(expected.errors));
      expect(body.data, source).toEqual(expected.data);
      expect(Object.keys(body), source).toEqual(Object.keys(expected));
    }
  });

  it('for page arguments refused before anything runs, the same the first time and compiled', async () => {
    const source = 'query ($first: Int) {\n  agreements(first: $first) { totalCount }\n}';
    const first = await graphql(source, { first: -3 });
    const again = await graphql(source, { first: -3 });
    expect(first.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(again).toEqual(first);
  });
});
