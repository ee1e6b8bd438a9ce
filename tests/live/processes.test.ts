import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventReader, subscribeWs } from '../support/feed.js';
import { freePort, redisAvailable, suiteRedis } from '../support/redis.js';
import { withEmptyDatabase } from '../support/server-database.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const adminToken = 'fictional-admin-token-for-tests-0123456789';
const feed = 'subscription ($after: ID) { revisionAdded(after: $after) { id actor entityId } }';
const running = new Set<ChildProcess>();

afterEach(() => {
  for (const server of running) server.kill('SIGKILL');
  running.clear();
});

/** The compiled server, as npm start runs it, on `env`'s database; resolves once it serves. */
async function startServer(env: Record<string, string>) {
  const port = await freePort();
  const { DATABASE_URL: _url, ...inherited } = process.env;
  const server = spawn(process.execPath, ['dist/main.js'], {
    cwd: root,
    env: { ...inherited, PORT: String(port), ADMIN_TOKEN: adminToken, LOG_LEVEL: 'info', ...env },
  });
  running.add(server);
  let output = '';
  server.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  server.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  for (let i = 0; i < 240 && !output.includes('GraphQL API and GraphiQL at'); i++) {
    if (server.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!output.includes('GraphQL API and GraphiQL at')) throw new Error(`the server did not start:\n${output}`);
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  return { server, port, exited, output: () => output };
}

async function subscribe(port: number, variables: Record<string, unknown> = {}) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: feed, variables }),
  });
  return new EventReader(response.body as ReadableStream<Uint8Array>);
}

async function addDocument(port: number, key: string) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({
      query: `mutation ($input: AddSourceDocumentInput!) { addSourceDocument(input: $input) { ... on AddSourceDocumentSuccess { revision { id } } } }`,
      variables: { input: { key, rawText: `虛構的測試文件 ${key}。` } },
    }),
  });
  const body = (await response.json()) as { data: { addSourceDocument: { revision: { id: string } } } };
  return body.data.addSourceDocument.revision.id;
}

describe('two server instances on one PostgreSQL', () => {
  if (!process.env.TEST_DATABASE_URL)
    it.skip('needs TEST_DATABASE_URL (a PostgreSQL server both instances share)', () => {});
  else
    it('sends a revision written on one instance to a subscriber of the other, over SSE and WebSocket', async () => {
      await withEmptyDatabase(async (url) => {
        const a = await startServer({ DATABASE_URL: url });
        const b = await startServer({ DATABASE_URL: url });
        const sse = await subscribe(b.port);
        const ws = subscribeWs(`ws://127.0.0.1:${b.port}/graphql`, feed);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const written = await addDocument(a.port, 'written-on-a');
        expect((await sse.take(1))[0]?.data?.revisionAdded).toMatchObject({ id: written, actor: 'admin-token' });
        expect((await ws.take(1))[0]?.data?.revisionAdded.id).toBe(written);
        // And back: a write on B reaches a subscriber of A that resumes after the first.
        const resumed = await subscribe(a.port, { after: written });
        const back = await addDocument(b.port, 'written-on-b');
        expect((await resumed.take(1))[0]?.data?.revisionAdded.id).toBe(back);
        await ws.close();
        for (const reader of [sse, resumed]) await reader.cancel();
        for (const { server, exited } of [a, b]) {
          server.kill('SIGTERM');
          expect(await exited).toBe(0);
        }
      });
    }, 120_000);
});

describe('a subscriber across an instance restart', () => {
  if (!process.env.TEST_DATABASE_URL)
    it.skip('needs TEST_DATABASE_URL (a PostgreSQL server both instances share)', () => {});
  else
    it('receives every revision committed while its instance was down, once, in order, then the live ones', async () => {
      await withEmptyDatabase(async (url) => {
        const a = await startServer({ DATABASE_URL: url });
        const b = await startServer({ DATABASE_URL: url });
        const first = await subscribe(a.port);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const seen = await addDocument(b.port, 'before-the-crash');
        expect((await first.take(1))[0]?.data?.revisionAdded.id).toBe(seen);
        a.server.kill('SIGKILL');
        await a.exited;
        const missed = [await addDocument(b.port, 'while-down-1'), await addDocument(b.port, 'while-down-2')];
        const restarted = await startServer({ DATABASE_URL: url });
        const resumed = await subscribe(restarted.port, { after: seen });
        expect((await resumed.take(2)).map((event) => event.data?.revisionAdded.id)).toEqual(missed);
        const live = await addDocument(b.port, 'after-the-restart');
        const events = await resumed.take(3);
        expect(events.map((event) => event.data?.revisionAdded.id)).toEqual([...missed, live]);
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(resumed.events).toHaveLength(3);
        await resumed.cancel();
        for (const { server, exited } of [b, restarted]) {
          server.kill('SIGTERM');
          expect(await exited).toBe(0);
        }
      });
    }, 120_000);
});

async function post(port: number, query: string, variables?: Record<string, unknown>, token?: string) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: unknown[] } };
}

const party = '{ parties(first: 1) { edges { node { id version aliases } } } }';

describe('two server instances on one PostgreSQL and Redis', () => {
  if (!process.env.TEST_DATABASE_URL || !redisAvailable)
    it.skip('needs TEST_DATABASE_URL and Redis: TEST_REDIS_URL or redis-server (.ci/run has both)', () => {});
  else
    it('prepare the database once, share the cache (and the replica, where there is one), both hear a write, and one answers every request while the other is killed', async () => {
      const redis = await suiteRedis();
      try {
        await withEmptyDatabase(async (url) => {
          // The replica streams the whole server, so the scratch database is there by the same name.
          const replica = process.env.TEST_DATABASE_REPLICA_URL && new URL(process.env.TEST_DATABASE_REPLICA_URL);
          if (replica) replica.pathname = new URL(url).pathname;
          const env = {
            DATABASE_URL: url,
            REDIS_URL: redis.url,
            REDIS_KEY_PREFIX: redis.keyPrefix,
            ...(replica ? { DATABASE_REPLICA_URLS: replica.toString() } : {}),
          };
          const [a, b] = await Promise.all([startServer(env), startServer(env)]);
          const logs = a.output() + b.output();
          expect(logs.match(/Seeded the documents/g)).toHaveLength(1);
          expect(logs.match(/Applied migrations/g)).toHaveLength(1);

          const heard = [await subscribe(a.port), await subscribe(b.port)];
          const cached = (await post(b.port, party)).body.data.parties.edges[0].node;
          await new Promise((resolve) => setTimeout(resolve, 300));
          const input = { id: cached.id, expectedVersion: cached.version, aliases: [...cached.aliases, '虛構的別名'] };
          const written = await post(
            a.port,
            'mutation ($input: UpdatePartyInput!) { updateParty(input: $input) { __typename } }',
            { input },
            adminToken,
          );
          expect(written.body.data).toEqual({ updateParty: { __typename: 'UpdatePartySuccess' } });
          // At once on B: its cache holds nothing from before; a replica, though, shows the write once replayed.
          let version = (await post(b.port, party)).body.data.parties.edges[0].node.version;
          for (let i = 0; replica && i < 40 && version === cached.version; i++) {
            await new Promise((resolve) => setTimeout(resolve, 50));
            version = (await post(b.port, party)).body.data.parties.edges[0].node.version;
          }
          expect(version).toBe(cached.version + 1);
          for (const reader of heard) {
            expect((await reader.take(1))[0]?.data?.revisionAdded).toMatchObject({
              actor: 'admin-token',
              entityId: cached.id,
            });
            await reader.cancel();
          }

          const statuses: number[] = [];
          let killed = false;
          const load = async () => {
            for (let i = 0; i < 60; i++) {
              const { status, body } = await post(b.port, party);
              statuses.push(body.errors ? -status : status);
              if (i === 20 && !killed) {
                killed = true;
                a.server.kill('SIGKILL');
              }
            }
          };
          await Promise.all([load(), load(), load(), load()]);
          expect(killed).toBe(true);
          expect(await a.exited).toBe(null);
          expect(statuses).toEqual(Array(240).fill(200));
          b.server.kill('SIGTERM');
          expect(await b.exited).toBe(0);
        });
      } finally {
        await redis.stop();
      }
    }, 180_000);
});

describe('SIGTERM', () => {
  it('completes every stream, SSE and WebSocket, closes the sockets (1001) and exits 0', async () => {
    const env: Record<string, string> = process.env.TEST_DATABASE_URL
      ? { DATABASE_URL: process.env.DATABASE_URL as string }
      : { DATA_DIR: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'feed-')), 'db') };
    const { server, port, exited, output } = await startServer(env);
    const sse = await subscribe(port);
    const ws = subscribeWs(`ws://127.0.0.1:${port}/graphql`, feed);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const written = await addDocument(port, 'before-sigterm');
    expect((await sse.take(1))[0]?.data?.revisionAdded.id).toBe(written);
    expect((await ws.take(1))[0]?.data?.revisionAdded.id).toBe(written);
    const started = Date.now();
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    await sse.take(2, 2_000);
    expect(sse.completed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ws.completed).toBe(true);
    expect(ws.closed?.code).toBe(1001);
    expect(output()).toContain('SIGTERM: finishing in-flight requests');
  }, 120_000);
});
