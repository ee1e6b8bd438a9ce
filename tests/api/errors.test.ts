import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../src/graphql/errors.js';
import { useApp } from '../support/app.js';

const { app, graphql } = useApp();

/** The errors of one operation, each as its code, the argument it names and whether any data came back. */
async function refusal(source: string, variables?: Record<string, unknown>) {
  const { body } = await graphql(source, variables);
  return {
    codes: body.errors?.map((e) => e.extensions?.code),
    argumentNames: body.errors?.map((e) => (e.extensions as { argumentName?: string } | undefined)?.argumentName),
    data: body.data ?? null,
  };
}

const parties = 'query ($first: Int, $last: Int) { parties(first: $first, last: $last) { totalCount } }';
const commitments = `query ($first: Int, $last: Int, $after: String, $before: String) { agreements(first: 1) {
  edges { node { commitments(first: $first, last: $last, after: $after, before: $before) { totalCount } } } } }`;

describe('page arguments', () => {
  it.each([
    ['a negative first', parties, { first: -1 }, 'first'],
    ['a negative last', parties, { last: -3 }, 'last'],
    ['first with last', parties, { first: 2, last: 2 }, 'last'],
    ['a negative first on a nested page', commitments, { first: -1 }, 'first'],
    ['first with last on a nested page', commitments, { first: 1, last: 1 }, 'last'],
  ])('refuses %s with BAD_USER_INPUT naming the argument, before anything runs', async (_, source, variables, name) => {
    expect(await refusal(source, variables)).toEqual({ codes: ['BAD_USER_INPUT'], argumentNames: [name], data: null });
  });

  it('refuses a literal negative page size the same way', async () => {
    expect(await refusal('{ parties(first: -1) { totalCount } }')).toEqual({
      codes: ['BAD_USER_INPUT'],
      argumentNames: ['first'],
      data: null,
    });
  });

  it('refuses after with before, and a page read both ways, on nested pages as on root ones', async () => {
    const { data } = (
      await graphql<any>(
        '{ agreements(first: 1) { edges { node { commitments(first: 2) { pageInfo { endCursor } } } } } }',
      )
    ).body;
    const cursor = data?.agreements.edges[0].node.commitments.pageInfo.endCursor;
    expect(typeof cursor).toBe('string');
    for (const variables of [
      { after: cursor, before: cursor },
      { first: 1, before: cursor },
      { last: 1, after: cursor },
    ]) {
      expect((await refusal(commitments, variables)).codes).toEqual(['BAD_USER_INPUT']);
    }
    expect((await refusal(commitments, { first: 1, after: cursor })).codes).toBeUndefined();
  });

  it('refuses a cursor of another list, and takes one of its own', async () => {
    const { data } = (
      await graphql<any>(`{ parties(first: 1) { pageInfo { endCursor } }
      agreements(first: 1) { pageInfo { endCursor } edges { node { commitments(first: 1) { pageInfo { endCursor } } } } } }`)
    ).body;
    const partyCursor = data?.parties.pageInfo.endCursor;
    const commitmentCursor = data?.agreements.edges[0].node.commitments.pageInfo.endCursor;
    const agreements = 'query ($after: String) { agreements(first: 1, after: $after) { totalCount } }';
    expect(await refusal(agreements, { after: partyCursor })).toEqual({
      codes: ['BAD_USER_INPUT'],
      argumentNames: ['after'],
      data: null,
    });
    const industryCommitments = `query ($after: String) { industries(first: 1) { edges { node {
      commitments(first: 1, after: $after) { totalCount } } } } }`;
    expect((await refusal(industryCommitments, { after: commitmentCursor })).codes).toEqual(['BAD_USER_INPUT']);
    expect((await refusal(commitments, { first: 1, after: commitmentCursor })).codes).toBeUndefined();
    expect(
      (await refusal('query ($after: String) { parties(after: $after) { totalCount } }', { after: partyCursor })).codes,
    ).toBeUndefined();
  });

  it('still answers a page size of zero', async () => {
    const { body } = await graphql<any>(parties, { first: 0 });
    expect(body.errors).toBeUndefined();
    expect(body.data.parties.totalCount).toBeGreaterThan(0);
  });
});

describe('variables and operations', () => {
  it('refuses a required variable that is missing, or of the wrong type, with BAD_USER_INPUT', async () => {
    const source = 'query ($n: Int!) { parties(first: $n) { totalCount } }';
    expect((await refusal(source)).codes).toEqual(['BAD_USER_INPUT']);
    expect((await refusal(source, { n: 'three' })).codes).toEqual(['BAD_USER_INPUT']);
    expect((await refusal(source, { n: 1.5 })).codes).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses an operationName the document does not hold with OPERATION_RESOLUTION_FAILURE', async () => {
    const response = await app.fetch('http://api.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query A { __typename } query B { __typename }', operationName: 'C' }),
    });
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
  });
});

describe('the list of error codes', () => {
  it('is in the README, code for code, with what each means', () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Errors'));
    const listed = [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]);
    expect(listed.toSorted()).toEqual(Object.keys(errorCodes).toSorted());
  });
});
