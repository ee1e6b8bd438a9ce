import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readDatabaseConfig } from '../../src/config.js';
import { createClient } from '../../src/data/client.js';
import { type Database, openDatabase, type StatementTarget } from '../../src/data/database.js';
import { createApp } from '../../src/http/app.js';
import { apiConfig, useApp } from '../support/app.js';
import { subscribeSse, until } from '../support/feed.js';

const missing = ['TEST_DATABASE_URL', 'TEST_DATABASE_REPLICA_URL'].filter((name) => !process.env[name]);

describe('DATABASE_REPLICA_URLS', () => {
  const primary = 'postgres://u@primary/db';

  it('lists replicas of DATABASE_URL, separated by commas', () => {
    expect(
      readDatabaseConfig({
        DATABASE_URL: primary,
        DATABASE_REPLICA_URLS: ' postgres://u@r1/db , postgresql://u@r2/db',
      }),
    ).toMatchObject({ kind: 'server', url: primary, replicaUrls: ['postgres://u@r1/db', 'postgresql://u@r2/db'] });
    expect(readDatabaseConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: '' })).toMatchObject({ replicaUrls: [] });
  });

  it.each([
    [{ DATABASE_REPLICA_URLS: 'postgres://u@r1/db' }, /^DATABASE_REPLICA_URLS needs DATABASE_URL/],
    [{ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'mysql://u@r1/db' }, /entry 1 is not a PostgreSQL URL/],
    [{ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'postgres://u@r1/db,,' }, /entry 2 is not a PostgreSQL URL/],
    [{ DATABASE_URL: primary, DATABASE_REPLICA_URLS: `postgres://u@r1/db,${primary}` }, /entry 2 is DATABASE_URL/],
    [{ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'postgres://u@r/db,postgres://u@r/db' }, /entry 2 twice/],
  ])('refuses %o', (env, message) => {
    expect(() => readDatabaseConfig(env)).toThrow(ConfigError);
    expect(() => readDatabaseConfig(env)).toThrow(message);
  });
});

if (missing.length) it.skip(`reads on a replica: set ${missing.join(' and ')} to run them`, () => {});
else describe('reads on a replica', replicaSuite);

function replicaSuite() {
  // The replica streams the whole server, so this file's database (database-per-file.ts) is there by the same name.
  const fileDatabase = new URL(process.env.DATABASE_URL as string);
  const replicaUrl = new URL(process.env.TEST_DATABASE_REPLICA_URL as string);
  replicaUrl.pathname = fileDatabase.pathname;
  process.env.DATABASE_REPLICA_URLS = replicaUrl.toString();
  const adminToken = 'fictional-admin-token-for-tests-0123456789';
  const { app, graphql, database, db, makeApp } = useApp({
    auth: { adminToken, jwt: undefined, failuresPerMinute: 100, trustProxy: false },
  });
  delete process.env.DATABASE_REPLICA_URLS;
  const asAdmin = { authorization: `Bearer ${adminToken}` };
  const primary = new pg.Client({ connectionString: fileDatabase.toString() });
  const replica = new pg.Client({ connectionString: replicaUrl.toString() });

  /** Waits until the replica has replayed everything the primary has written so far. */
  async function caughtUp() {
    const [{ lsn }] = (await primary.query('SELECT pg_current_wal_lsn()::text AS lsn')).rows;
    for (let i = 0; i < 200; i++) {
      const [{ done }] = (await replica.query('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [lsn])).rows;
      if (done) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the replica did not catch up in 10 s');
  }

  /** Stops the replica replaying the primary's changes until `resumeReplay`, so that its reads are told apart. */
  async function pauseReplay() {
    await replica.query('SELECT pg_wal_replay_pause()');
    for (let i = 0; i < 200; i++) {
      const [{ state }] = (await replica.query('SELECT pg_get_wal_replay_pause_state() AS state')).rows;
      if (state === 'paused') return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('replay did not pause');
  }
  const resumeReplay = () => replica.query('SELECT pg_wal_replay_resume()');

  beforeAll(async () => {
    await primary.connect();
    await replica.connect();
    await caughtUp();
  });
  afterAll(async () => {
    await resumeReplay();
    await primary.end();
    await replica.end();
  });

  /** The targets of the statements `run` sends through `database`. */
  async function targetsOf(run: () => unknown, on = database) {
    const targets: StatementTarget[] = [];
    const listener = (_sql: string, target: StatementTarget) => void targets.push(target);
    on.statementListeners.add(listener);
    try {
      await run();
    } finally {
      on.statementListeners.delete(listener);
    }
    return targets;
  }

  const partiesQuery = `{ parties(first: 3) { totalCount edges { node { id version aliases kind
    officials(first: 2) { totalCount edges { node { name { en } positions { title { en } } } } } } } } }`;

  async function firstParty() {
    const { body } = await graphql(partiesQuery);
    expect(body.errors).toBeUndefined();
    return body.data?.parties.edges[0].node as { id: string; version: number; aliases: string[] };
  }

  it('sends every statement of a query to the replica: the loaders’ own and Prisma’s', async () => {
    const { id } = await firstParty();
    const targets = await targetsOf(() => firstParty());
    expect(targets.length).toBeGreaterThan(2);
    expect(new Set(targets)).toEqual(new Set(['replica']));
    const node = await targetsOf(() =>
      graphql('query ($id: ID!) { node(id: $id) { ... on Party { name { en } } } }', { id }),
    );
    expect(node.length).toBeGreaterThan(0);
    expect(new Set(node)).toEqual(new Set(['replica']));
    const search = await targetsOf(() =>
      graphql('{ search(query: "襄阳", first: 2) { totalCount edges { cursor } } }'),
    );
    expect(search.length).toBeGreaterThan(1);
    expect(new Set(search)).toEqual(new Set(['replica']));
    const metrics = await (await app.fetch('http://api.test/metrics')).text();
    expect(metrics).toMatch(/^db_statements_total\{target="replica"\} [1-9]/m);
    expect(metrics).toMatch(/^db_replica_pool_connections\{replica="1",state="total"\} [1-9]/m);
  });

  it('runs a mutation and its payload on the primary, whose writer reads the write; the replica shows it once replayed', async () => {
    const before = await firstParty();
    await pauseReplay();
    try {
      const aliases = [...before.aliases, `replica test ${Date.now()}`];
      let result: Record<string, any> | undefined;
      const targets = await targetsOf(async () => {
        const { body } = await graphql(
          `mutation ($input: UpdatePartyInput!) { updateParty(input: $input) {
            __typename ... on UpdatePartySuccess { party { version aliases officials(first: 1) { totalCount } } } } }`,
          { input: { id: before.id, expectedVersion: before.version, aliases } },
          asAdmin,
        );
        result = body.data?.updateParty;
      });
      expect(result).toMatchObject({
        __typename: 'UpdatePartySuccess',
        party: { version: before.version + 1, aliases },
      });
      expect(new Set(targets)).toEqual(new Set(['primary']));
      // The replica has not replayed the write: a query, read there, does not see it yet.
      expect((await firstParty()).aliases).toEqual(before.aliases);
      await resumeReplay();
      await caughtUp();
      expect(await firstParty()).toMatchObject({ version: before.version + 1, aliases });
    } finally {
      await resumeReplay();
    }
  });

  it('drops what the response cache kept from a replica that had not replayed a write, once it has', async () => {
    const cachedApp = makeApp(
      apiConfig({
        responseCacheTtlMs: 60_000,
        auth: { adminToken, jwt: undefined, failuresPerMinute: 100, trustProxy: false },
      }),
    );
    const read = async () => {
      const response = await cachedApp.fetch('http://api.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: partiesQuery }),
      });
      return ((await response.json()) as any).data.parties.edges[0].node as { id: string; version: number };
    };
    try {
      const before = await read();
      await pauseReplay();
      try {
        const { body } = await graphql(
          'mutation ($input: UpdatePartyInput!) { updateParty(input: $input) { __typename } }',
          { input: { id: before.id, expectedVersion: before.version, aliases: [`cache and replica ${Date.now()}`] } },
          asAdmin,
        );
        expect(body.data?.updateParty.__typename).toBe('UpdatePartySuccess');
        // Read on the replica, which has not replayed the write, and kept.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect((await read()).version).toBe(before.version);
        expect((await read()).version).toBe(before.version);
      } finally {
        await resumeReplay();
      }
      await caughtUp();
      let after = await read();
      for (let i = 0; i < 100 && after.version === before.version; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        after = await read();
      }
      expect(after.version).toBe(before.version + 1);
    } finally {
      await cachedApp.dispose();
    }
  });

  it('reads a subscription’s payload on the primary, which a replica behind the notification lacks', async () => {
    const before = await firstParty();
    const { reader: events } = await subscribeSse(
      app,
      'subscription { revisionAdded { entity { ... on Party { version aliases } } } }',
    );
    await until(() => app.feed.size > 0);
    await pauseReplay();
    try {
      const aliases = [...before.aliases, `feed test ${Date.now()}`];
      const { body } = await graphql(
        'mutation ($input: UpdatePartyInput!) { updateParty(input: $input) { __typename } }',
        { input: { id: before.id, expectedVersion: before.version, aliases } },
        asAdmin,
      );
      expect(body.data?.updateParty.__typename).toBe('UpdatePartySuccess');
      const [event] = await events.take(1);
      expect(event?.data?.revisionAdded.entity).toEqual({ version: before.version + 1, aliases });
    } finally {
      await events.cancel();
      await resumeReplay();
      await caughtUp();
    }
  });

  /** Runs `run` with an app over this file's database whose replicas are `replicaUrls`. */
  async function withReplicas(
    replicaUrls: string,
    run: (
      other: { app: ReturnType<typeof createApp>; database: Database },
      read: (query: string, variables?: Record<string, unknown>) => Promise<unknown>,
    ) => Promise<void>,
  ) {
    const other = openDatabase(
      readDatabaseConfig({ DATABASE_URL: fileDatabase.toString(), DATABASE_REPLICA_URLS: replicaUrls }),
    );
    const client = createClient(other);
    const otherApp = createApp(apiConfig(), { db: client, database: other });
    const read = async (query: string, variables?: Record<string, unknown>) => {
      const response = await otherApp.fetch('http://api.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = await response.json();
      expect(body.errors).toBeUndefined();
      return body.data;
    };
    try {
      await run({ app: otherApp, database: other }, read);
    } finally {
      await otherApp.dispose();
      await client.$disconnect();
      await other.close();
    }
  }

  it('reads on the primary while a replica cannot be reached, Prisma’s reads and the loaders’, and says so at /ready', async () => {
    // The expected answers are read on the replica, the others' on the primary: the replica must have replayed all.
    await caughtUp();
    const { id } = await firstParty();
    const nodeQuery = 'query ($id: ID!) { node(id: $id) { ... on Party { name { en } } } }';
    const expectedNode = (await graphql(nodeQuery, { id })).body.data;
    const expectedParties = (await graphql(partiesQuery)).body.data;
    await withReplicas('postgres://postgres@127.0.0.1:1/nothing', async (other, read) => {
      // Prisma's read (node) finds the replica refusing, at once, and runs on the primary.
      const started = performance.now();
      const node = await targetsOf(
        async () => expect(await read(nodeQuery, { id })).toEqual(expectedNode),
        other.database,
      );
      expect(performance.now() - started).toBeLessThan(2000);
      expect(node).toEqual(['replica', 'primary']);
      // Resting, the replica is not tried again for a while: the loaders read on the primary too.
      const parties = await targetsOf(
        async () => expect(await read(partiesQuery)).toEqual(expectedParties),
        other.database,
      );
      expect(new Set(parties)).toEqual(new Set(['primary']));
      const ready = await other.app.fetch('http://api.test/ready');
      expect(ready.status).toBe(200);
      expect(await ready.text()).toBe(
        'ready\nreplica postgres://postgres:***@127.0.0.1:1/nothing: does not answer, reads go to the primary',
      );
    });
  });

  it('reads on every replica: the loaders’ statements in turn, Prisma’s on one picked at random', async () => {
    const named = (name: string) => `${replicaUrl}?application_name=${name}`;
    await withReplicas(`${named('replica_a')},${named('replica_b')}`, async (other, read) => {
      for (let i = 0; i < 6; i++) await read(partiesQuery);
      expect(other.database.replicas.map((replica) => replica.poolUse().total > 0)).toEqual([true, true]);
      const { rows } = await replica.query(
        `SELECT DISTINCT application_name AS name FROM pg_stat_activity WHERE application_name LIKE 'replica\\_%' ORDER BY 1`,
      );
      expect(rows).toEqual([{ name: 'replica_a' }, { name: 'replica_b' }]);
    });
  });

  it('reports the replica at /ready, and migrates and seeds on the primary only', async () => {
    const ready = await app.fetch('http://api.test/ready');
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe(
      `ready\nreplica ${replicaUrl.toString().replace('postgres@', 'postgres:***@')}: answers`,
    );
    expect(database.replicas).toHaveLength(1);
    expect(await db.sourceDocument.count()).toBeGreaterThan(0);
  });
}
