// npm run bench [-- --quick] [--size S|M|L] [--rounds N] [--duration S] [--only Q1,Q3] [--impls ours,raw] [--search] [--fan-out [--subscribers N]]
// Builds the dataset on a throwaway PostgreSQL 15 cluster (or BENCH_DATABASE_URL), checks that
// every implementation answers every operation alike, then load-tests each one in turn.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { buildDatabase, countRows, type Size, sizes } from './data.js';
import { measureFanOut } from './fan-out.js';
import { embeddedFootprint, serverFootprint } from './footprint.js';
import { chooseInputs, correctnessGate, type Inputs, inputsFor } from './gate.js';
import { implementations } from './impls/index.js';
import { type HttpRequest, type Implementation, type OperationName, operationNames } from './impls/types.js';
import {
  type Cluster,
  postmasterPidOf,
  StatementCounter,
  serverVersion,
  startCluster,
  withClient,
} from './lib/postgres.js';
import { peakRssMb, treeCpuMs } from './lib/process-stats.js';
import { startBenchRedis } from './lib/redis.js';
import { type RunningServer, startServer } from './lib/servers.js';
import { type Footprint, type Measurement, type Results, summarise, writeReports } from './report.js';
import { measureSearchLatency } from './search-latency.js';
import { measureWrite, writeDescription } from './write.js';

export const descriptions: Record<OperationName, string> = {
  Q1: 'a page of 50 parties with their names',
  Q2: 'node(id) for random commitments with their agreement’s title and parties',
  Q3: '20 agreements → participants → official → positions → organisation, and commitments(first 10) → industries → relatedReports(first 5, includeNarrower: false)',
  Q4: 'a page of 25 parties after a cursor, each with officials(first 5) { totalCount } and pageInfo',
  Q5: 'search for a common term ("xiangyang"), first 20, with nested fields of each result',
  Q6: 'the same relation twice under two aliases with different arguments (commitments first 3 / last 3 of 20 agreements)',
};

const here = path.dirname(fileURLToPath(import.meta.url));

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
}

const quick = process.argv.includes('--quick');
const size = (option('size') ?? (quick ? 'S' : 'L')) as Size;
const rounds = Number(option('rounds') ?? (quick ? 1 : 3));
const durationS = Number(option('duration') ?? (quick ? 2 : 5));
// Ours and PostGraphile reach their steady rate only after 10–15 s of load (V8 optimises the hot paths as they run).
const warmupS = Number(option('warmup') ?? (quick ? 1 : 15));
// A quick run reads at 10 connections only: it has to finish within five minutes, slow cells included.
const connections = quick ? [10] : [10, 50];
const only = option('only')?.split(',');
const operations = operationNames.filter((name) => !only || only.includes(name));
const writes = !only || only.includes('W1');
const chosen = option('impls')?.split(',');
const impls = implementations.filter((impl) => !chosen || chosen.includes(impl.name));
const output = option('output') ?? path.join(here, 'results', quick ? 'quick.json' : 'latest.json');

function bodiesFor(impl: Implementation, operation: OperationName, inputs: Inputs) {
  return inputsFor(operation, inputs).map((input) => impl.request(operation, input));
}

/** Each request with the ETag of its answer as If-None-Match, as a client that keeps what it read sends it. */
async function revalidating(port: number, requests: HttpRequest[]): Promise<HttpRequest[]> {
  const etags = new Map<string, string>();
  for (const request of requests) {
    if (etags.has(request.path)) continue;
    const response = await fetch(`http://127.0.0.1:${port}${request.path}`, { headers: request.headers });
    await response.arrayBuffer();
    const etag = response.headers.get('etag');
    if (response.status !== 200 || !etag)
      throw new Error(`GET ${request.path.slice(0, 80)}: ${response.status}, no ETag`);
    etags.set(request.path, etag);
  }
  return requests.map((request) => ({
    ...request,
    headers: { ...request.headers, 'if-none-match': etags.get(request.path) as string },
  }));
}

async function load(
  server: RunningServer,
  operation: OperationName,
  inputs: Inputs,
  connectionCount: number,
  limit: { seconds: number } | { amount: number },
) {
  const bodies = bodiesFor(server.implementation, operation, inputs);
  const requests = server.implementation.revalidates ? await revalidating(server.port, bodies) : bodies;
  const [first] = requests;
  if (!first) throw new Error(`no request for ${operation}`);
  let next = 0;
  return autocannon({
    url: `http://127.0.0.1:${server.port}${first.path}`,
    method: first.method,
    headers: first.headers,
    body: first.body,
    connections: connectionCount,
    ...('seconds' in limit ? { duration: limit.seconds } : { amount: limit.amount }),
    timeout: 300,
    requests: [
      {
        setupRequest: (request) => {
          const chosen = requests[next++ % requests.length] ?? first;
          return { ...request, path: chosen.path, headers: chosen.headers, body: chosen.body };
        },
      },
    ],
  });
}

/** Waits out the requests a run left in flight when its time was up, so the next reading starts clean. */
function settle(result: autocannon.Result) {
  return new Promise((resolve) => setTimeout(resolve, Math.min(15_000, 1.5 * result.latency.max + 200)));
}

/**
 * A timed run; where it is too slow to answer enough requests in time, a run of a fixed number of requests
 * instead. Only a timed run can leave requests in flight (`drained` is false): a counted one ends with its last answer.
 */
async function timedLoad(server: RunningServer, operation: OperationName, inputs: Inputs, connectionCount: number) {
  const timed = await load(server, operation, inputs, connectionCount, { seconds: durationS });
  const answered = timed['2xx'] + timed.non2xx;
  if (answered >= 2 * connectionCount)
    return { result: timed, answered, seconds: durationS, sent: timed.requests.sent, drained: false };
  await settle(timed);
  const counted = await load(server, operation, inputs, connectionCount, { amount: 2 * connectionCount });
  return {
    result: counted,
    answered: answered + counted['2xx'] + counted.non2xx,
    seconds: durationS + counted.duration,
    sent: timed.requests.sent + counted.requests.sent,
    drained: true,
  };
}

async function measureCell(
  server: RunningServer,
  operation: OperationName,
  postmasterPid: number | null,
  counter: StatementCounter,
  inputs: Inputs,
): Promise<Measurement> {
  const impl = server.implementation;
  await server.send(operation, inputsFor(operation, inputs)[0] ?? {});
  await settle(await load(server, operation, inputs, 10, { seconds: warmupS }));
  const measurement: Partial<Measurement> = {};
  for (const connectionCount of connections) {
    await counter.reset();
    const cpuBefore = treeCpuMs(server.pid) + (postmasterPid ? treeCpuMs(postmasterPid) : 0);
    const { result, answered, seconds, sent, drained } = await timedLoad(server, operation, inputs, connectionCount);
    if (!drained) await settle(result);
    const cpuAfter = treeCpuMs(server.pid) + (postmasterPid ? treeCpuMs(postmasterPid) : 0);
    // A revalidating reader's 304 is an answer: it holds the body already.
    const refused = result.non2xx - (impl.revalidates ? result['3xx'] : 0);
    if (refused > 0 || result.errors > 0 || result.timeouts > 0) {
      throw new Error(
        `${impl.name} ${operation} c${connectionCount}: ${refused} refused, ${result.errors} errors, ${result.timeouts} timeouts`,
      );
    }
    const statements = await counter.count();
    // Every request sent has finished by now, those answered after the window closed included.
    const finished = Math.max(sent, answered, 1);
    const numbers = {
      rps: Math.round((answered / seconds) * 10) / 10,
      p50_ms: result.latency.p50,
      p99_ms: result.latency.p99,
      statements_per_request: Math.round((statements / finished) * 100) / 100,
      cpu_ms_per_request: Math.round(((cpuAfter - cpuBefore) / finished) * 100) / 100,
    };
    if (connectionCount === 10) Object.assign(measurement, numbers);
    else measurement.c50 = { rps: numbers.rps, p50_ms: numbers.p50_ms, p99_ms: numbers.p99_ms };
  }
  measurement.peak_rss_mb = peakRssMb(server.pid);
  return measurement as Measurement;
}

async function gate(databaseUrl: string, inputs: Inputs, port: number) {
  const servers: RunningServer[] = [];
  try {
    for (const [i, impl] of impls.entries()) servers.push(await startServer(impl, port + i, databaseUrl));
    const problems = await correctnessGate(servers, operations, inputs);
    if (problems.length > 0) {
      console.error(`Correctness gate failed:\n${problems.join('\n')}`);
      process.exitCode = 1;
      return false;
    }
    console.log(`Correctness gate: ${impls.map((i) => i.name).join(', ')} agree on ${operations.join(', ')}`);
    return true;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/** Ours' start and memory on the embedded database, and ours' and PostGraphile's on the bench's, with their peaks. */
async function measureFootprint(databaseUrl: string, measured: Record<string, Record<string, Measurement[]>>) {
  const peak = (impl: string) =>
    Math.max(0, ...Object.values(measured).flatMap((byImpl) => (byImpl[impl] ?? []).map((m) => m.peak_rss_mb)));
  const footprint: Footprint = {};
  for (const impl of impls.filter((i) => i.name === 'ours' || i.name === 'postgraphile')) {
    footprint[impl.name as 'ours' | 'postgraphile'] = {
      ...(await serverFootprint(impl, databaseUrl)),
      peak_rss_mb: peak(impl.name),
    };
  }
  if (impls.some((i) => i.name === 'ours')) footprint.ours_embedded = await embeddedFootprint(quick ? 1 : 3);
  return footprint;
}

async function main() {
  if (!(size in sizes)) throw new Error(`--size must be one of ${Object.keys(sizes).join(', ')}`);
  const started = Date.now();
  const cluster: Cluster | undefined = process.env.BENCH_DATABASE_URL ? undefined : await startCluster(55440);
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? (cluster as Cluster).url;
  const redis = impls.some((impl) => impl.name === 'ours_cached') ? await startBenchRedis(55490) : null;
  if (redis) process.env.BENCH_REDIS_URL = redis.url;
  else console.log('redis-server is not installed: ours_cached keeps its cache in memory');
  try {
    const counts = process.argv.includes('--reuse-data')
      ? await withClient(databaseUrl, countRows)
      : await buildDatabase(databaseUrl, size);
    for (const impl of impls) await impl.prepare?.(databaseUrl);
    const inputs = await chooseInputs(databaseUrl);
    if (!(await gate(databaseUrl, inputs, 4700))) return;

    const postmasterPid = cluster?.postmasterPid ?? (await postmasterPidOf(databaseUrl));
    const counter = await StatementCounter.open(databaseUrl);
    const measured: Record<string, Record<string, Measurement[]>> = {};
    try {
      for (let round = 0; round < rounds; round++) {
        const order = [...impls.slice(round % impls.length), ...impls.slice(0, round % impls.length)];
        // A fresh server per cell, so peak RSS belongs to one operation; a quick run keeps one per implementation.
        const cells = quick
          ? order.map((impl) => ({ impl, operations }))
          : operations.flatMap((operation) => order.map((impl) => ({ impl, operations: [operation] })));
        for (const cell of cells) {
          const server = await startServer(cell.impl, 4800, databaseUrl);
          try {
            for (const operation of cell.operations) {
              const m = await measureCell(server, operation, postmasterPid, counter, inputs);
              measured[operation] = measured[operation] ?? {};
              const byImpl = measured[operation];
              byImpl[cell.impl.name] = [...(byImpl[cell.impl.name] ?? []), m];
              console.log(
                `round ${round + 1} ${operation} ${cell.impl.name.padEnd(12)} ${String(m.rps).padStart(6)} req/s  p50 ${m.p50_ms} ms  p99 ${m.p99_ms} ms  ${m.statements_per_request} stmt/req  ${m.cpu_ms_per_request} cpu ms/req${m.c50 ? `  c50 ${m.c50.rps} req/s` : ''}`,
              );
            }
          } finally {
            await server.stop();
          }
        }
      }
      const writers = impls.filter((impl) => impl.write);
      for (let round = 0; writes && round < rounds; round++) {
        for (const impl of [...writers.slice(round % writers.length), ...writers.slice(0, round % writers.length)]) {
          const server = await startServer(impl, 4800, databaseUrl);
          try {
            const m = await measureWrite(server, databaseUrl, postmasterPid, counter, { warmupS, durationS });
            measured.W1 = measured.W1 ?? {};
            measured.W1[impl.name] = [...(measured.W1[impl.name] ?? []), m];
            console.log(
              `round ${round + 1} W1 ${impl.name.padEnd(12)} ${String(m.rps).padStart(6)} req/s  p50 ${m.p50_ms} ms  p99 ${m.p99_ms} ms  ${m.statements_per_request} stmt/req  ${m.cpu_ms_per_request} cpu ms/req`,
            );
          } finally {
            await server.stop();
          }
        }
      }
    } finally {
      await counter.close();
    }
    // A partial run (--only, --impls) is for comparing levers: it measures the footprint only when asked to.
    const footprint =
      (!only && !chosen) || process.argv.includes('--footprint')
        ? await measureFootprint(databaseUrl, measured)
        : undefined;
    const fanOut =
      (!only && !chosen) || process.argv.includes('--fan-out')
        ? await measureFanOut(databaseUrl, Number(option('subscribers') ?? (quick ? 200 : 1000)), quick ? 10 : 30)
        : undefined;
    const searchLatency =
      impls.some((i) => i.name === 'ours') && ((!only && !chosen) || process.argv.includes('--search'))
        ? await measureSearchLatency(databaseUrl, quick ? 10 : 50)
        : undefined;
    const results: Results = {
      date: new Date().toISOString(),
      quick,
      machine: {
        cpus: os.cpus().length,
        cpu_model: os.cpus()[0]?.model ?? 'unknown',
        memory_gb: Math.round(os.totalmem() / 2 ** 30),
        platform: `${os.platform()} ${os.release()}`,
      },
      node: process.version,
      postgresql: cluster?.version ?? (await serverVersion(databaseUrl)),
      size,
      dataset: counts,
      settings: { rounds, duration_s: durationS, warmup_s: warmupS, connections, rps_at: 10 },
      operations: summarise(measured, { ...descriptions, W1: writeDescription }),
      footprint,
      search_latency: searchLatency,
      fan_out: fanOut,
    };
    writeReports(results, output, !quick && !only && !chosen);
    console.log(`Wrote ${path.relative(process.cwd(), output)} in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    redis?.stop();
    cluster?.stop();
  }
}

await main();
