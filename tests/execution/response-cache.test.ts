import { decodeGlobalID } from '@pothos/plugin-relay';
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
  it('is off unless set or Redis is, and refuses a value that is not a whole number of milliseconds or a Redis URL', () => {
    expect(readApiConfig({}).responseCacheTtlMs).toBe(0);
    expect(readApiConfig({ RESPONSE_CACHE_TTL_MS: '0' }).responseCacheTtlMs).toBe(0);
    expect(readApiConfig({ RESPONSE_CACHE_TTL_MS: '5000' }).responseCacheTtlMs).toBe(5000);
    expect(() => readApiConfig({ RESPONSE_CACHE_TTL_MS: '-1' })).toThrow(ConfigError);
    expect(() => readApiConfig({ RESPONSE_CACHE_TTL_MS: 'soon' })).toThrow(/RESPONSE_CACHE_TTL_MS=soon/);
    const redis = readApiConfig({ REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(redis).toMatchObject({ responseCacheTtlMs: 60_000, redis: { keyPrefix: 'xiangyang:' } });
    expect(readApiConfig({ REDIS_URL: 'redis://h:6379', RESPONSE_CACHE_TTL_MS: '0' }).responseCacheTtlMs).toBe(0);
    expect(() => readApiConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL=http:.*redis:\/\//);
    expect(() => readApiConfig({ REDIS_URL: 'redis://h:6379', REDIS_KEY_PREFIX: 'a*' })).toThrow(/REDIS_KEY_PREFIX/);
  });

  it('answers a repeated operation from memory without SQL, and the same data', async () => {
    // The cache keeps nothing until its instance follows the change feed (its first request starts it).
    const probe = '{ parties(first: 1) { edges { node { id } } } }';
    for (let i = 0; i < 100 && ofRequest(await cached.sent(probe)).length > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
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

  const asAdmin = { authorization: `Bearer ${adminToken}` };
  const write = async (mutation: string, input: Record<string, unknown>) => {
    const { body } = await cached.graphql(mutation, { input }, asAdmin);
    expect(body.errors).toBeUndefined();
    return body.data as Record<string, any>;
  };
  const updateParty = `mutation ($input: UpdatePartyInput!) {
    updateParty(input: $input) { __typename ... on UpdatePartySuccess { party { version } } } }`;
  const isCached = async (read: string) => ofRequest(await cached.sent(read)).length === 0;

  it('forgets what a write touched before the write answers, and keeps every other answer', async () => {
    const party = '{ parties(first: 1) { edges { node { id version aliases } } } }';
    const officials = '{ officials(first: 2) { edges { node { id name { zhHant } } } } }';
    const { node } = (await cached.query(party)).parties.edges[0];
    await cached.query(officials);
    expect(await isCached(party)).toBe(true);
    expect(await isCached(officials)).toBe(true);
    const done = await write(updateParty, {
      id: node.id,
      expectedVersion: node.version,
      aliases: [...node.aliases, '虛構的別名'],
    });
    expect(done.updateParty.__typename).toBe('UpdatePartySuccess');
    expect((await cached.query(party)).parties.edges[0].node).toEqual({
      id: node.id,
      version: node.version + 1,
      aliases: [...node.aliases, '虛構的別名'],
    });
    expect(await isCached(officials)).toBe(true);
  });

  it('answers a GET revalidating a cached answer 304 without SQL, until a write changes it', async () => {
    const read = '{ parties(first: 2) { edges { node { id version aliases } } } }';
    const url = `http://api.test/graphql?${new URLSearchParams({ query: read })}`;
    const get = async (etag?: string) => {
      const sql: string[] = [];
      const listener = (text: string) => void sql.push(text);
      cached.database.statementListeners.add(listener);
      try {
        const response = await cached.app.fetch(url, {
          headers: {
            accept: 'application/json',
            'x-graphql-yoga-csrf': 'test',
            ...(etag ? { 'if-none-match': etag } : {}),
          },
        });
        return {
          status: response.status,
          etag: response.headers.get('etag'),
          body: await response.text(),
          sql: ofRequest(sql),
        };
      } finally {
        cached.database.statementListeners.delete(listener);
      }
    };
    const first = await get();
    expect(first.status).toBe(200);
    const again = await get(first.etag as string);
    expect(again).toEqual({ status: 304, etag: first.etag, body: '', sql: [] });
    expect((await get('"fictional-other-etag"')).status).toBe(200);
    const unchecked = await cached.app.fetch(url, { headers: { 'if-none-match': first.etag as string } });
    expect(unchecked.status, 'a GET without the CSRF header is refused before the cache answers').toBe(403);
    const withToken = await cached.app.fetch(url, {
      headers: { 'x-graphql-yoga-csrf': 'test', 'if-none-match': first.etag as string, ...asAdmin },
    });
    expect(withToken.headers.get('cache-control')).toBe('private, no-store');
    const { node } = JSON.parse(first.body).data.parties.edges[0];
    await write(updateParty, {
      id: node.id,
      expectedVersion: node.version,
      aliases: [...node.aliases, '虛構的重驗別名'],
    });
    const changed = await get(first.etag as string);
    expect(changed.status).toBe(200);
    expect(changed.etag).not.toBe(first.etag);
    expect(JSON.parse(changed.body).data.parties.edges[0].node.version).toBe(node.version + 1);
  });

  it('forgets the lists of a type when a row of it is created, and searches on any change', async () => {
    const industries = '{ industries(first: 100) { edges { node { name { zhHant } } } } }';
    const search =
      '{ search(query: "虛構緩存行業", first: 5) { edges { node { ... on Industry { name { zhHant } } } } } }';
    const before = (await cached.query(industries)).industries.edges.length;
    expect((await cached.query(search)).search.edges).toEqual([]);
    expect(await isCached(industries)).toBe(true);
    expect(await isCached(search)).toBe(true);
    await write(`mutation ($input: CreateIndustryInput!) { createIndustry(input: $input) { __typename } }`, {
      name: { zhHant: '虛構緩存行業' },
    });
    const after = (await cached.query(industries)).industries.edges;
    expect(after).toHaveLength(before + 1);
    expect(after.map((edge: any) => edge.node.name.zhHant)).toContain('虛構緩存行業');
    expect((await cached.query(search)).search.edges).toEqual([{ node: { name: { zhHant: '虛構緩存行業' } } }]);
  });

  it('forgets the answers of the rows a changed link reaches, before and after', async () => {
    const { industries } = await cached.query('{ industries(first: 100) { edges { node { id } } } }');
    const commitmentsOf = (id: string) =>
      `{ node(id: "${id}") { ... on Industry { commitments(first: 100) { edges { node { id } } } } } }`;
    const { commitments } = await cached.query(
      '{ commitments(first: 1) { edges { node { id version industries(first: 50) { edges { node { id } } } } } } }',
    );
    const commitment = commitments.edges[0].node;
    const linked: string[] = commitment.industries.edges.map((edge: any) => edge.node.id);
    const other: string = industries.edges.map((edge: any) => edge.node.id).find((id: string) => !linked.includes(id));
    const idsIn = async (industry: string) =>
      (await cached.query(commitmentsOf(industry))).node.commitments.edges.map((edge: any) => edge.node.id);
    expect(await idsIn(other)).not.toContain(commitment.id);
    for (const industry of linked) expect(await idsIn(industry)).toContain(commitment.id);
    expect(await isCached(commitmentsOf(other))).toBe(true);
    const done = await write(
      `mutation ($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { __typename } }`,
      { id: commitment.id, expectedVersion: commitment.version, industryIds: [other] },
    );
    expect(done.updateCommitment.__typename).toBe('UpdateCommitmentSuccess');
    expect(await idsIn(other)).toContain(commitment.id);
    for (const industry of linked) expect(await idsIn(industry)).not.toContain(commitment.id);
  });

  it("keeps answers apart by the caller's scopes, refuses a bad token whatever is cached, and never keeps a mutation", async () => {
    const latest = '{ revisions(first: 1) { edges { node { entityId } } } }';
    await write(`mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { __typename } }`, {
      name: 'Fictional cache reader',
      scopes: ['CURATE'],
    });
    const read = async (headers?: Record<string, string>) => {
      const { status, body } = await cached.graphql(latest, undefined, headers);
      const entityId: string | undefined = (body.data as any)?.revisions.edges[0].node.entityId;
      return { status, first: entityId && decodeGlobalID(entityId).typename };
    };
    expect(await read(asAdmin)).toEqual({ status: 200, first: 'ApiKey' });
    expect((await read()).first).not.toBe('ApiKey');
    expect(await read(asAdmin)).toEqual({ status: 200, first: 'ApiKey' });
    expect((await read()).first).not.toBe('ApiKey');
    expect((await read({ authorization: 'Bearer fictional-wrong-token' })).status).toBe(401);

    const { node } = (await cached.query('{ parties(first: 1) { edges { node { id version } } } }')).parties.edges[0];
    const input = { id: node.id, expectedVersion: node.version, aliases: ['虛構的另一個別名'] };
    expect((await write(updateParty, input)).updateParty.__typename).toBe('UpdatePartySuccess');
    expect((await write(updateParty, input)).updateParty.__typename).toBe('StaleVersionError');
  });
});
