// W1: setCommitmentStatus on random commitments. Every write changes a commitment's status from the one the
// writer last saw, with the version it last saw; no two writes in flight are to one commitment, so every
// answer is a write, not a refusal.
import autocannon from 'autocannon';
import type { CommitmentStatus, StatusWrite } from './impls/types.js';
import { type StatementCounter, withClient } from './lib/postgres.js';
import { peakRssMb, treeCpuMs } from './lib/process-stats.js';
import { seededRandom } from './lib/random.js';
import type { RunningServer } from './lib/servers.js';
import type { Measurement } from './report.js';

export const writeDescription =
  'W1: setCommitmentStatus on random commitments (ours: with its evidence quote, revision and status history, by an API key; PostGraphile: its generated update of the status column; naive: one conditional UPDATE)';

/** The status each write moves a commitment to from the one it has. */
export const cycle: Record<CommitmentStatus, CommitmentStatus> = {
  PLEDGED: 'IN_PROGRESS',
  IN_PROGRESS: 'FULFILLED',
  FULFILLED: 'LAPSED',
  LAPSED: 'IN_PROGRESS',
};

interface Commitment {
  id: number;
  version: number;
  status: CommitmentStatus;
}

/** The write that moves `commitment` on from the status and version the writer last saw. */
export const nextWrite = (commitment: Commitment, asOf: string, evidence: StatusWrite['evidence']): StatusWrite => ({
  commitmentId: commitment.id,
  expectedVersion: commitment.version,
  status: cycle[commitment.status],
  asOf,
  evidence,
});

export interface WriteState {
  commitments: Commitment[];
  evidence: StatusWrite['evidence'];
}

/** The commitments as the database holds them now, and a span of the first document to cite as evidence. */
export async function readState(databaseUrl: string): Promise<WriteState> {
  return withClient(databaseUrl, async (client) => {
    const commitments = (await client.query('SELECT "id", "version", "status" FROM "Commitment" ORDER BY "id"'))
      .rows as Commitment[];
    const [document] = (
      await client.query('SELECT "id", substr("text", 1, 12) AS span FROM "SourceDocument" ORDER BY "id" LIMIT 1')
    ).rows;
    return {
      commitments,
      evidence: { documentId: document.id, start: 0, end: document.span.length, text: document.span },
    };
  });
}

/** A timed run of W1 at `connections`; throws on any answer that is not a write. */
async function writeLoad(
  server: RunningServer,
  state: WriteState,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
) {
  const writer = server.implementation.write;
  if (!writer) throw new Error(`${server.implementation.name} has no W1`);
  const random = seededRandom(7);
  const asOf = new Date().toISOString().slice(0, 10);
  // Commitments with a write in flight; autocannon gives each request a fresh context, so this is shared.
  const inFlight = new Set<Commitment>();
  const failures: string[] = [];
  const [probe] = state.commitments;
  if (!probe) throw new Error('no commitments to write');
  const requestFor = (commitment: Commitment) => writer.request(nextWrite(commitment, asOf, state.evidence), headers);
  const first = requestFor(probe);
  type Context = { pending?: Commitment };
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}${first.path}`,
    method: first.method,
    headers: first.headers,
    connections,
    duration: seconds,
    timeout: 60,
    requests: [
      {
        setupRequest: (request, context: Context) => {
          let commitment: Commitment;
          do commitment = state.commitments[Math.floor(random() * state.commitments.length)] as Commitment;
          while (inFlight.has(commitment));
          inFlight.add(commitment);
          context.pending = commitment;
          const next = requestFor(commitment);
          return { ...request, body: next.body };
        },
        onResponse: (status, body, context: Context) => {
          const commitment = context.pending;
          if (!commitment) return;
          inFlight.delete(commitment);
          let outcome: ReturnType<typeof writer.outcome>;
          try {
            outcome =
              status === 200 ? writer.outcome(JSON.parse(body)) : new Error(`HTTP ${status}: ${body.slice(0, 200)}`);
          } catch (error) {
            outcome = error as Error;
          }
          if (outcome instanceof Error || outcome === 'stale') {
            if (failures.length < 5)
              failures.push(outcome === 'stale' ? `stale version on ${commitment.id}` : outcome.message);
            return;
          }
          commitment.status = cycle[commitment.status];
          commitment.version = outcome.version ?? commitment.version + 1;
        },
      },
    ],
  });
  if (failures.length || result.non2xx || result.errors || result.timeouts)
    throw new Error(
      `${server.implementation.name} W1: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts; ${failures.join('; ')}`,
    );
  return result;
}

/** One W1 cell: warm-up, then the measured run at 10 connections. */
export async function measureWrite(
  server: RunningServer,
  databaseUrl: string,
  postmasterPid: number | null,
  counter: StatementCounter,
  settings: { warmupS: number; durationS: number },
): Promise<Measurement> {
  const headers = (await server.implementation.write?.setup?.(server.port)) ?? {};
  await writeLoad(server, await readState(databaseUrl), headers, 10, settings.warmupS);
  // Writes answered after the warm-up's window closed are in the database, not in its state: read it again.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const state = await readState(databaseUrl);
  await counter.reset();
  const cpuBefore = treeCpuMs(server.pid) + (postmasterPid ? treeCpuMs(postmasterPid) : 0);
  const result = await writeLoad(server, state, headers, 10, settings.durationS);
  await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 1.5 * result.latency.max + 200)));
  const cpuAfter = treeCpuMs(server.pid) + (postmasterPid ? treeCpuMs(postmasterPid) : 0);
  const statements = await counter.count();
  const finished = Math.max(result.requests.sent, result['2xx'], 1);
  return {
    rps: Math.round((result['2xx'] / settings.durationS) * 10) / 10,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    statements_per_request: Math.round((statements / finished) * 100) / 100,
    cpu_ms_per_request: Math.round(((cpuAfter - cpuBefore) / finished) * 100) / 100,
    peak_rss_mb: peakRssMb(server.pid),
  };
}
