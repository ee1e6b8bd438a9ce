import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/app.js';
import { apiConfig, useApp } from '../support/app.js';
import { hasRedis, startRedis } from '../support/redis.js';

const adminToken = 'fictional-admin-token-for-tests-0123456789';
const auth = { adminToken, jwt: undefined, failuresPerMinute: 100, trustProxy: false };
const { makeApp, database } = useApp();
const read = '{ parties(first: 1) { edges { node { id version aliases } } } }';
const update = `mutation ($input: UpdatePartyInput!) { updateParty(input: $input) { __typename } }`;

/** The statements of the request itself, not those of the change feed each instance follows. */
const ofRequest = (statements: string[]) => statements.filter((sql) => !/pg_current_snapshot|"Revision"/.test(sql));

async function post(app: App, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) {
  const response = await app.fetch('http://api.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

/** An operation's data and the SQL it sent. */
async function readOn(app: App, query = read) {
  const sql: string[] = [];
  const listener = (text: string) => void sql.push(text);
  database.statementListeners.add(listener);
  try {
    const { data, errors } = await post(app, query);
    expect(errors).toBeUndefined();
    return { data, sql: ofRequest(sql) };
  } finally {
    database.statementListeners.delete(listener);
  }
}

async function addAlias(app: App, alias: string) {
  const { node } = (await readOn(app)).data.parties.edges[0];
  const { data } = await post(
    app,
    update,
    { input: { id: node.id, expectedVersion: node.version, aliases: [...node.aliases, alias] } },
    { authorization: `Bearer ${adminToken}` },
  );
  expect(data.updateParty.__typename).toBe('UpdatePartySuccess');
  return node.version + 1;
}

const metric = async (app: App, name: string) => {
  const text = await (await app.fetch('http://api.test/metrics')).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
};

async function eventually(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not within 10 s: ${what}`);
}

describe('the response cache shared in Redis by two instances', () => {
  if (!hasRedis) {
    it.skip('needs redis-server (Debian: apt-get install -y redis-server; .ci/run installs it)', () => {});
    return;
  }
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let a: App;
  let b: App;
  beforeAll(async () => {
    redis = await startRedis();
    const config = apiConfig({
      responseCacheTtlMs: 60_000,
      redis: { url: redis.url, keyPrefix: 'fictional-test:' },
      auth,
    });
    a = makeApp(config);
    b = makeApp(config);
    await eventually(async () => (await metric(a, 'response_cache_available')) === 1, 'A connects to Redis');
    await eventually(async () => (await metric(b, 'response_cache_available')) === 1, 'B connects to Redis');
  });
  afterAll(async () => {
    await a?.dispose();
    await b?.dispose();
    await redis?.stop();
  });

  it('answers on B what A read, from Redis, under the key prefix', async () => {
    const first = await readOn(a);
    expect(first.sql.length).toBeGreaterThan(0);
    await eventually(async () => (await readOn(b)).sql.length === 0, 'B answers from the shared cache');
    expect((await readOn(b)).data).toEqual(first.data);
    const probe = new Redis(redis.port, '127.0.0.1');
    const keys = await probe.keys('*');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => !key.startsWith('fictional-test:'))).toEqual([]);
    // Answers and the sets naming them alike expire within the TTL: nothing the cache writes outlives it.
    const lasting = async () => {
      const ttls = await Promise.all(keys.map(async (key) => [key, await probe.pttl(key)] as const));
      return ttls.filter(([, ttl]) => !(ttl > 0 && ttl <= 60_000));
    };
    await eventually(async () => (await lasting()).length === 0, 'every key expires');
    await probe.quit();
  });

  it('never answers on B from before a write A has answered', async () => {
    await readOn(a);
    await eventually(async () => (await readOn(b)).sql.length === 0, 'B answers from the shared cache');
    const version = await addAlias(a, '虛構的共享別名');
    expect((await readOn(b)).data.parties.edges[0].node.version).toBe(version);
  });

  it('sends Redis no lookup for a write, and from each instance one script forgetting what the write touched', async () => {
    // The second party: the other tests write to the first, whose invalidations may still be on their way.
    const second = '{ parties(first: 2) { edges { node { id version aliases } } } }';
    await readOn(a, second);
    await eventually(async () => (await readOn(b, second)).sql.length === 0, 'B answers from the shared cache');
    const { node } = (await readOn(a, second)).data.parties.edges[1];
    const client = new Redis(redis.port, '127.0.0.1');
    const watcher = await client.monitor();
    const sent: string[][] = [];
    watcher.on('monitor', (_time: string, args: string[], source: string) => {
      if (source !== 'lua') sent.push(args);
    });
    const forgettingIt = () =>
      sent.filter((args) => String(args[1]).includes('SMEMBERS') && args.includes(`fictional-test:Party:${node.id}`));
    try {
      const input = { id: node.id, expectedVersion: node.version, aliases: [...node.aliases, '虛構的監看別名'] };
      const { data } = await post(a, update, { input }, { authorization: `Bearer ${adminToken}` });
      expect(data.updateParty.__typename).toBe('UpdatePartySuccess');
      await eventually(async () => forgettingIt().length >= 2, 'both instances forget what the write touched');
    } finally {
      watcher.disconnect();
      client.disconnect();
    }
    expect(sent.map(([command]) => String(command).toLowerCase()).filter((command) => command !== 'eval')).toEqual([]);
    expect(forgettingIt()).toHaveLength(2);
    const after = await readOn(b, second);
    expect(after.sql.length).toBeGreaterThan(0);
    expect(after.data.parties.edges[1].node.version).toBe(node.version + 1);
  });

  it('goes on uncached while Redis is away, writes and all, and uses it again, emptied, once it is back', async () => {
    await readOn(a);
    await eventually(async () => (await readOn(b)).sql.length === 0, 'B answers from the shared cache');
    await redis.stop();
    const version = await addAlias(a, '虛構的離線別名');
    const during = await readOn(b);
    expect(during.data.parties.edges[0].node.version).toBe(version);
    expect(during.sql.length).toBeGreaterThan(0);
    expect(await metric(a, 'response_cache_available')).toBe(0);
    expect(await metric(a, 'response_cache_errors_total')).toBeGreaterThan(0);
    await redis.start();
    await eventually(async () => (await metric(b, 'response_cache_available')) === 1, 'B uses Redis again');
    await eventually(async () => (await metric(a, 'response_cache_available')) === 1, 'A uses Redis again');
    expect((await readOn(b)).data.parties.edges[0].node.version).toBe(version);
    await eventually(async () => (await readOn(a)).sql.length === 0, 'A answers from the shared cache again');
  });

  it('throws away what Redis kept while it missed an invalidation', async () => {
    await readOn(a);
    await eventually(async () => (await readOn(b)).sql.length === 0, 'B answers from the shared cache');
    // Redis keeps its data but answers nothing for 2.5 s: every command of both instances times out meanwhile.
    const pauser = new Redis(redis.port, '127.0.0.1');
    await pauser.client('PAUSE', 2500, 'ALL');
    const version = await addAlias(a, '虛構的暫停別名');
    pauser.disconnect();
    await eventually(async () => (await metric(b, 'response_cache_errors_total')) > 0, 'B finds Redis failing');
    await eventually(async () => (await metric(b, 'response_cache_available')) === 1, 'B uses Redis again');
    await eventually(async () => (await metric(a, 'response_cache_available')) === 1, 'A uses Redis again');
    expect((await readOn(b)).data.parties.edges[0].node.version).toBe(version);
    expect((await readOn(a)).data.parties.edges[0].node.version).toBe(version);
  });
});
