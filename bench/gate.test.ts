// The benchmark's correctness gate on size S: every implementation answers every operation with
// the same data as ours. Needs a PostgreSQL server: BENCH_DATABASE_URL, a database it may rebuild.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDatabase } from './data.js';
import { chooseInputs, correctnessGate, type Inputs } from './gate.js';
import { implementations } from './impls/index.js';
import { raw } from './impls/raw.js';
import { operationNames } from './impls/types.js';
import { withClient } from './lib/postgres.js';
import { startBenchRedis } from './lib/redis.js';
import { post, type RunningServer, startServer } from './lib/servers.js';
import { cycle, readState } from './write.js';

const url = process.env.BENCH_DATABASE_URL;

describe.skipIf(!url)('benchmark correctness gate (size S)', () => {
  const servers: RunningServer[] = [];
  let inputs: Inputs;
  let redis: Awaited<ReturnType<typeof startBenchRedis>> = null;

  beforeAll(async () => {
    const databaseUrl = url as string;
    const counts = await buildDatabase(databaseUrl, 'S', () => {});
    expect(counts.Party).toBeGreaterThan(300);
    for (const impl of implementations) await impl.prepare?.(databaseUrl);
    inputs = await chooseInputs(databaseUrl);
    redis = await startBenchRedis(4990);
    if (redis) process.env.BENCH_REDIS_URL = redis.url;
    for (const [i, impl] of implementations.entries()) servers.push(await startServer(impl, 4900 + i, databaseUrl));
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    redis?.stop();
  });

  it('every implementation returns the same data as ours for every operation', async () => {
    expect(servers.map((s) => s.implementation.name)).toEqual(['ours', 'naive', 'postgraphile', 'raw', 'ours_cached']);
    expect(await correctnessGate(servers, operationNames, inputs)).toEqual([]);
  });

  it('W1: every writer changes the status it is sent; ours records the revision and history entry with it', async () => {
    const state = await readState(url as string);
    const writers = servers.filter((server) => server.implementation.write);
    expect(writers.map((s) => s.implementation.name)).toEqual(['ours', 'naive', 'postgraphile', 'ours_cached']);
    for (const [i, server] of writers.entries()) {
      const writer = server.implementation.write;
      const commitment = state.commitments[i];
      if (!writer || !commitment) throw new Error('no writer or commitment');
      const headers = (await writer.setup?.(server.port)) ?? {};
      const next = cycle[commitment.status];
      const write = {
        commitmentId: commitment.id,
        expectedVersion: commitment.version,
        status: next,
        asOf: '2026-12-01',
      };
      const { status, body } = await post(server.port, writer.request({ ...write, evidence: state.evidence }, headers));
      expect(status, JSON.stringify(body)).toBe(200);
      expect(writer.outcome(body)).toEqual({
        version: server.implementation.name === 'postgraphile' ? null : commitment.version + 1,
      });
      const [row] = await withClient(
        url as string,
        async (client) =>
          (
            await client.query(
              `SELECT c."status",
          (SELECT count(*)::int FROM "CommitmentStatusChange" s WHERE s."commitmentId" = c."id") AS entries
         FROM "Commitment" c WHERE c."id" = $1`,
              [commitment.id],
            )
          ).rows,
      );
      const recorded = server.implementation.name.startsWith('ours') ? 1 : 0;
      expect(row).toMatchObject({ status: next, entries: recorded });
    }
  });

  it('reports an implementation whose answer differs', async () => {
    const rawServer = servers.find((s) => s.implementation.name === 'raw') as RunningServer;
    const dropsLastEdge = {
      ...rawServer,
      send: async (...args: Parameters<RunningServer['send']>) => {
        const data = (await rawServer.send(...args)) as { parties: { edges: unknown[] } };
        return { parties: { edges: data.parties.edges.slice(0, -1) } };
      },
    };
    const problems = await correctnessGate([servers[0] as RunningServer, dropsLastEdge], ['Q1'], inputs);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^raw Q1 \{\}: \$\.parties\.edges\[49\]: expected \{"node"/);
  });

  it('refuses an error answer rather than comparing it', () => {
    expect(() => raw.normalise('Q1', { error: 'boom' })).toThrow();
  });
});
