import { describe, expect, it } from 'vitest';
import { ConfigError, readApiConfig } from '../../src/config.js';
import { useApp } from '../support/app.js';

const cached = useApp({ responseCacheTtlMs: 60_000 });

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
    expect(again).toEqual([]);
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
});
