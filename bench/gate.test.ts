// The benchmark's correctness gate on size S: every implementation answers every operation with
// the same data as ours. Needs a PostgreSQL server: BENCH_DATABASE_URL, a database it may rebuild.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDatabase } from './data.js';
import { chooseInputs, correctnessGate, type Inputs } from './gate.js';
import { implementations } from './impls/index.js';
import { raw } from './impls/raw.js';
import { operationNames } from './impls/types.js';
import { type RunningServer, startServer } from './lib/servers.js';

const url = process.env.BENCH_DATABASE_URL;

describe.skipIf(!url)('benchmark correctness gate (size S)', () => {
  const servers: RunningServer[] = [];
  let inputs: Inputs;

  beforeAll(async () => {
    const databaseUrl = url as string;
    const counts = await buildDatabase(databaseUrl, 'S', () => {});
    expect(counts.Party).toBeGreaterThan(300);
    for (const impl of implementations) await impl.prepare?.(databaseUrl);
    inputs = await chooseInputs(databaseUrl);
    for (const [i, impl] of implementations.entries()) servers.push(await startServer(impl, 4900 + i, databaseUrl));
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });

  it('every implementation returns the same data as ours for every operation', async () => {
    expect(servers.map((s) => s.implementation.name)).toEqual(['ours', 'naive', 'postgraphile', 'raw', 'ours_cached']);
    expect(await correctnessGate(servers, operationNames, inputs)).toEqual([]);
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
