import { describe, expect, it } from 'vitest';
import { ConfigError, readApiConfig } from '../../src/config.js';
import { useApp } from '../support/app.js';

const adminToken = 'fictional-admin-token-for-tests-0123456789';
const cached = useApp({
  responseCacheTtlMs: 60_000,
  auth: { adminToken, jwt: undefined, failuresPerMinute: 100, trustProxy: false },
});
/** The statements of the request itself, not those of the change feed the cache follows. */
const ofRequest = (statements: string[]) => statements.filter((sql) => !/pg_current_snapshot|"Revision"/.test(sql));

const tree = /* GraphQL */ `
  query ($first: Int!) {
    agreements(first: $first) { edges { node { title { en } commitments(first: 3) { edges { node { text { en } } } } } } }
  }`;

describe('response cache (RESPONSE_CACHE_TTL_MS)', () => {
  it('is off unless set, and refuses a value that is not a whole number of milliseconds', () => {
    expect(readApiConfig({}).responseCacheTtlMs).toBe(0);
    expect(readApiConfig({ RESPONSE_CACHE_TTL_MS: '0' }).responseCacheTtlMs).toBe(0);
    expect(readApiConfig({ RESPONSE_CACHE_TTL_MS: '5000' }).responseCacheTtlMs).toBe(5000);
    expect(() => readApiConfig({ RESPONSE_CACHE_TTL_MS: '-1' })).toThrow(ConfigError);
    expect(() => readApiConfig({ RESPONSE_CACHE_TTL_MS: 'soon' })).toThrow(/RESPONSE_CACHE_TTL_MS=soon/);
  });

  it('answers a repeated operation from memory without SQL, and the same data', async () => {
    const first = await cached.sent(tree, { first: 1 });
    const again = await cached.sent(tree, { first: 1 });
    expect(first.length).toBeGreaterThan(0);
    expect(ofRequest(again)).toEqual([]);
    expect(await cached.query(tree, { first: 1 })).toEqual(await cached.query(tree, { first: 1 }));
    expect((await cached.query(tree, { first: 1 })).agreements.edges[0].node.commitments.edges).toHaveLength(3);
  });

  it('keys answers by their variables, and refuses bad input the same way each time', async () => {
    expect((await cached.sent(tree, { first: 2 })).length).toBeGreaterThan(0);
    const bad = await cached.graphql(tree, { first: -1 });
    const badAgain = await cached.graphql(tree, { first: -1 });
    expect(bad.body.errors?.[0]?.message).toMatch(/first/);
    expect(badAgain.body).toEqual(bad.body);
  });

  it('forgets every answer once a change commits, so a cached read never outlives a write', async () => {
    const read = '{ parties(first: 1) { edges { node { id version aliases } } } }';
    const before = await cached.query(read);
    expect(ofRequest(await cached.sent(read))).toEqual([]);
    const party = before.parties.edges[0].node;
    const { body } = await cached.graphql(
      `mutation ($input: UpdatePartyInput!) { updateParty(input: $input) { __typename } }`,
      { input: { id: party.id, expectedVersion: party.version, aliases: [...party.aliases, '虛構的別名'] } },
      { authorization: `Bearer ${adminToken}` },
    );
    expect(body.data).toEqual({ updateParty: { __typename: 'UpdatePartySuccess' } });
    let after = await cached.query(read);
    for (let i = 0; i < 250 && after.parties.edges[0].node.version === party.version; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      after = await cached.query(read);
    }
    expect(after.parties.edges[0].node).toMatchObject({
      version: party.version + 1,
      aliases: [...party.aliases, '虛構的別名'],
    });
  });
});
