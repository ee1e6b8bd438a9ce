import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { subgraphFile } from '../../scripts/breaking-changes.js';
import { apiConfig, useApp } from '../support/app.js';

const adminToken = 'fictional-admin-token-for-tests-0123456789';
const { graphql, makeApp, query, statements } = useApp({
  auth: { adminToken, jwt: undefined, failuresPerMinute: 100, trustProxy: false },
});

const entities = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Party { id name { en } }
    ... on Industry { id name { en } parent { id } }
  }
}`;

const references = (typename: string, ids: string[]) => ids.map((id) => ({ __typename: typename, id }));

describe('_entities', () => {
  it('resolves references in their order, null for one that names no entity of its type', async () => {
    const { parties } = await query('{ parties(first: 3) { edges { node { id name { en } } } } }');
    const nodes = parties.edges.map((edge: { node: { id: string } }) => edge.node);
    const { industries } = await query('{ industries(first: 1) { edges { node { id } } } }');
    const industryId = industries.edges[0].node.id;
    const data = await query(entities, {
      representations: [
        ...references('Party', [nodes[2].id, nodes[0].id]),
        ...references('Party', [industryId, Buffer.from('Party:999999').toString('base64')]),
        ...references('Party', [nodes[1].id]),
      ],
    });
    expect(data._entities).toEqual([
      { __typename: 'Party', ...nodes[2] },
      { __typename: 'Party', ...nodes[0] },
      null,
      null,
      { __typename: 'Party', ...nodes[1] },
    ]);
  });

  it('refuses a malformed ID with BAD_USER_INPUT, for that reference only', async () => {
    const { parties } = await query('{ parties(first: 1) { edges { node { id name { en } } } } }');
    const party = parties.edges[0].node;
    const { body } = await graphql(entities, { representations: references('Party', ['not-an-id', party.id]) });
    expect(body.data?._entities).toEqual([null, { __typename: 'Party', ...party }]);
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a representation that is not an entity type and a global ID with BAD_USER_INPUT', async () => {
    const malformed = ['', null, 42, {}, { __typename: 'ApiKey', id: 'x' }, { __typename: 7 }, { __typename: 'Party' }];
    for (const representation of [...malformed, { __typename: 'Party', id: 5 }]) {
      const { body } = await graphql(entities, { representations: [representation] });
      expect(
        body.errors?.map((error) => error.extensions?.code),
        JSON.stringify(representation),
      ).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('shows a revision of an API key to ADMIN only, as nodes(ids) does', async () => {
    const minted = await graphql(
      `mutation { createApiKey(input: { name: "Fictional federation key", scopes: [CURATE] }) {
        ... on CreateApiKeySuccess { apiKey { revisions(first: 1) { edges { node { id } } } } } } }`,
      undefined,
      { authorization: `Bearer ${adminToken}` },
    );
    const id = minted.body.data?.createApiKey.apiKey.revisions.edges[0].node.id;
    const asEntity = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Revision { id action } } }`;
    const variables = { representations: references('Revision', [id]) };
    const asNode = `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Revision { id action } } }`;
    const anonymous = await graphql(asEntity, variables);
    const anonymousNode = await graphql(asNode, { ids: [id] });
    expect(anonymous.body.data?._entities).toEqual([null]);
    expect(anonymous.body.errors).toHaveLength(1);
    expect(anonymous.body.errors?.map((error) => error.extensions?.code)).toEqual(
      anonymousNode.body.errors?.map((error) => error.extensions?.code),
    );
    const admin = await graphql(asEntity, variables, { authorization: `Bearer ${adminToken}` });
    expect(admin.body).toEqual({ data: { _entities: [{ id, action: 'CREATE' }] } });
  });

  it('reads the references of one type in one statement, however many', async () => {
    const { parties } = await query('{ parties(first: 100) { edges { node { id } } } }');
    const ids = parties.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(ids.length).toBeGreaterThan(5);
    expect(await statements(entities, { representations: references('Party', ids.slice(0, 1)) })).toBe(1);
    expect(await statements(entities, { representations: references('Party', ids) })).toBe(1);
  });

  it('reads nested lists of every reference at once: as many statements for one as for all', async () => {
    const nested = `query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Commitment { id committedBy { id } industries(first: 3) { totalCount edges { node { id parent { id } } } } }
        ... on Industry { id name { en } }
      }
    }`;
    const ids = async (list: string) =>
      (await query(`{ ${list}(first: 100) { edges { node { id } } } }`))[list].edges.map(
        (edge: { node: { id: string } }) => edge.node.id,
      ) as string[];
    const commitments = await ids('commitments');
    const industries = await ids('industries');
    expect(commitments.length).toBeGreaterThan(5);
    const one = await statements(nested, {
      representations: [
        ...references('Commitment', commitments.slice(0, 1)),
        ...references('Industry', industries.slice(0, 1)),
      ],
    });
    const all = await statements(nested, {
      representations: [...references('Commitment', commitments), ...references('Industry', industries)],
    });
    expect(all).toBe(one);
  });
});

describe('the cost of _entities', () => {
  it('counts what is selected once for every representation, as nodes(ids) counts its ids', async () => {
    const app = makeApp(apiConfig({ limits: { cost: 1 } }));
    const { commitments } = await query('{ commitments(first: 3) { edges { node { id } } } }');
    const ids = commitments.edges.map((edge: { node: { id: string } }) => edge.node.id);
    const cost = async (representations: unknown[]) => {
      const response = await app.fetch('http://api.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `query ($representations: [_Any!]!) { _entities(representations: $representations) {
            ... on Commitment { industries(first: 10) { edges { node { id } } } } } }`,
          variables: { representations },
        }),
      });
      const { errors } = await response.json();
      expect(errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
      return errors[0].extensions.cost as number;
    };
    const one = await cost(references('Commitment', ids.slice(0, 1)));
    expect(one).toBeGreaterThan(10);
    expect((await cost(references('Commitment', ids))) - 1).toBe(3 * (one - 1));
  });
});

describe('_service', () => {
  it('answers the SDL committed in schema/subgraph.graphql', async () => {
    const { _service } = await query('{ _service { sdl } }');
    expect(`${_service.sdl}\n`).toBe(fs.readFileSync(subgraphFile, 'utf8'));
  });
});
