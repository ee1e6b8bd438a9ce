// Fan-out: subscribers of revisionAdded over SSE spread over two instances of ours on one database, while one
// committed change a second (W1's status change) is written on each instance in turn: how long from the change's
// revision to each subscriber's receipt of it, and whether any subscriber missed one.
import { ours } from './impls/ours.js';
import type { CommitmentStatus } from './impls/types.js';
import { withClient } from './lib/postgres.js';
import { peakRssMb } from './lib/process-stats.js';
import { post, type RunningServer, startServer } from './lib/servers.js';
import { cycle, nextWrite, readState } from './write.js';

export interface FanOut {
  subscribers: number;
  instances: number;
  seconds: number;
  /** Revisions the changes committed: every subscriber must receive each once. */
  revisions: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  lost: number;
  duplicates: number;
  /** Peak RSS of each instance, MB. */
  rss_mb: number[];
}

const feed = 'subscription { revisionAdded { id at } }';
const globalId = (id: number) => Buffer.from(`Revision:${id}`).toString('base64');

/** One SSE subscriber: when each revision reached it, by global id, and how many arrived twice. */
async function subscribe(port: number, signal: AbortSignal) {
  const received = new Map<string, number>();
  let duplicates = 0;
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: feed }),
    signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`subscription refused: HTTP ${response.status}`);
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        const now = Date.now();
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .find((line) => line.startsWith('data: '));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          const id =
            data &&
            (JSON.parse(data.slice(6)) as { data?: { revisionAdded?: { id: string } } }).data?.revisionAdded?.id;
          if (!id) continue;
          if (received.has(id)) duplicates += 1;
          else received.set(id, now);
        }
      }
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  })();
  return { received, duplicates: () => duplicates, reading };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

export async function measureFanOut(databaseUrl: string, subscribers: number, seconds: number): Promise<FanOut> {
  const servers: RunningServer[] = [];
  const abort = new AbortController();
  try {
    for (const port of [4810, 4811]) servers.push(await startServer(ours, port, databaseUrl));
    const writer = ours.write;
    if (!writer) throw new Error('ours has no W1');
    const headers = (await writer.setup?.(servers[0]?.port as number)) ?? {};
    const lastBefore = await withClient(
      databaseUrl,
      async (client) =>
        (await client.query('SELECT coalesce(max("id"), 0) AS id FROM "Revision"')).rows[0].id as number,
    );
    const streams = [];
    for (let i = 0; i < subscribers; i++)
      streams.push(await subscribe((servers[i % servers.length] as RunningServer).port, abort.signal));
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    const state = await readState(databaseUrl);
    const asOf = new Date().toISOString().slice(0, 10);
    for (let second = 0; second < seconds; second++) {
      const started = Date.now();
      const commitment = state.commitments[(second * 7919) % state.commitments.length];
      if (!commitment) throw new Error('no commitments to write');
      const server = servers[second % servers.length] as RunningServer;
      const request = writer.request(nextWrite(commitment, asOf, state.evidence), headers);
      const outcome = writer.outcome((await post(server.port, request)).body);
      if (outcome instanceof Error || outcome === 'stale') throw new Error(`fan-out write: ${outcome}`);
      commitment.status = cycle[commitment.status] as CommitmentStatus;
      commitment.version = outcome.version ?? commitment.version + 1;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1_000 - (Date.now() - started))));
    }
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const written = await withClient(
      databaseUrl,
      async (client) =>
        (await client.query('SELECT "id", "at" FROM "Revision" WHERE "id" > $1 ORDER BY "id"', [lastBefore])).rows as {
          id: number;
          at: Date;
        }[],
    );
    const rss = servers.map((server) => peakRssMb(server.pid));
    abort.abort();
    await Promise.all(streams.map((stream) => stream.reading));
    const latencies: number[] = [];
    let lost = 0;
    for (const stream of streams) {
      for (const { id, at } of written) {
        const receipt = stream.received.get(globalId(id));
        if (receipt === undefined) lost += 1;
        else latencies.push(receipt - at.getTime());
      }
    }
    latencies.sort((a, b) => a - b);
    return {
      subscribers,
      instances: servers.length,
      seconds,
      revisions: written.length,
      p50_ms: percentile(latencies, 0.5),
      p99_ms: percentile(latencies, 0.99),
      max_ms: latencies.at(-1) ?? 0,
      lost,
      duplicates: streams.reduce((sum, stream) => sum + stream.duplicates(), 0),
      rss_mb: rss,
    };
  } finally {
    abort.abort();
    await Promise.all(servers.map((server) => server.stop()));
  }
}
