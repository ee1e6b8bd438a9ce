// npm run footprint [-- --repeat N] — how long our server takes to start on the embedded database and
// how much memory it holds idle; `npm run bench` adds the same beside PostGraphile's, with both peaks.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Implementation } from './impls/types.js';
import { rssMb } from './lib/process-stats.js';
import { startServer } from './lib/servers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const idleMs = 3000;

export interface EmbeddedFootprint {
  /** Medians, in ms from spawning `node dist/main.js` to its first 200 on /health. */
  first_start_ms: number;
  first_start_without_template_ms: number;
  warm_start_ms: number;
  /** RSS a few seconds after starting, no request served. */
  idle_rss_mb: number;
  runs: number;
}

export interface ServerFootprint {
  /** ms from spawning the server to its first answer to Q1 on the bench database. */
  start_ms: number;
  idle_rss_mb: number;
  /** The highest peak RSS of any of its cells in the run. */
  peak_rss_mb?: number;
}

const median = (values: number[]) => {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function stopped(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Starts the compiled server on `dataDir` and times it to /health; returns the process and the time. */
async function timedStart(dataDir: string, port: number, env: Record<string, string> = {}) {
  const { DATABASE_URL: _url, ...inherited } = process.env;
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'dist', 'main.js')], {
    env: { ...inherited, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env },
    stdio: 'ignore',
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} while starting`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return { child, ms: Math.round(performance.now() - started) };
    await sleep(10);
  }
}

export async function embeddedFootprint(runs = 3, port = 4900): Promise<EmbeddedFootprint> {
  const first: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  const idle: number[] = [];
  for (let run = 0; run < runs; run++) {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'footprint-'));
    try {
      const fresh = await timedStart(path.join(scratch, 'db'), port);
      first.push(fresh.ms);
      await stopped(fresh.child);
      const again = await timedStart(path.join(scratch, 'db'), port);
      warm.push(again.ms);
      await sleep(idleMs);
      idle.push(rssMb(again.child.pid as number));
      await stopped(again.child);
      const untemplated = await timedStart(path.join(scratch, 'untemplated'), port, { EMBEDDED_TEMPLATE: 'none' });
      cold.push(untemplated.ms);
      await stopped(untemplated.child);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }
  return {
    first_start_ms: median(first),
    first_start_without_template_ms: median(cold),
    warm_start_ms: median(warm),
    idle_rss_mb: median(idle),
    runs,
  };
}

/** An implementation's start to its first answer and its idle RSS, on the bench database. */
export async function serverFootprint(
  impl: Implementation,
  databaseUrl: string,
  port = 4901,
): Promise<ServerFootprint> {
  const started = performance.now();
  const server = await startServer(impl, port, databaseUrl);
  const startMs = Math.round(performance.now() - started);
  try {
    await sleep(idleMs);
    return { start_ms: startMs, idle_rss_mb: rssMb(server.pid) };
  } finally {
    await server.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--repeat');
  const runs = at > 0 ? Number(process.argv[at + 1]) : 3;
  console.log(JSON.stringify(await embeddedFootprint(runs), null, 2));
}
