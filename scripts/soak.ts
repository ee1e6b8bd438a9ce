// npm run soak [-- --seconds N | --short] — holds a mixed load on a freshly started server and
// reports the error count and the growth of the server's RSS floor; exits 1 on any error or growth of 10 % or more.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const seconds = args.includes('--short') ? 20 : Number(args[args.indexOf('--seconds') + 1]) || 180;
const port = 41000 + (process.pid % 10000);
const url = `http://127.0.0.1:${port}/graphql`;

const operations = [
  'query AgreementTree { agreements(first: 5) { edges { node { title { zhHant } commitments(first: 20) { edges { node { text { en } industries(first: 5) { edges { node { name { en } relatedReports(first: 5) { totalCount } } } } } } } } } } }',
  'query Parties { parties(first: 20) { totalCount edges { node { name { zhHant pinyin } officials(first: 5) { totalCount edges { node { name { en } } } } } } } }',
  'query Search { search(query: "xiangyang", first: 10) { totalCount edges { node { __typename ... on Party { name { en } } } } } }',
  'query Reports { relatedReports(first: 10) { edges { node { title { zhHant } marketSize { amount currency } } } } }',
];

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function load(duration: number) {
  let errors = 0;
  const result = await autocannon({
    url,
    connections: 10,
    duration,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: operations.map((query) => ({
      body: JSON.stringify({ query }),
      onResponse: (status: number, body: string) => {
        if (status !== 200 || body.includes('"errors"')) errors++;
      },
    })),
  });
  return {
    errors: errors + result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
    rps: result.requests.average,
  };
}

const { DATABASE_URL: _url, ...env } = process.env;
// A bounded old generation makes major collections, and so the RSS floor, show within a short run.
const server = spawn(process.execPath, ['--max-old-space-size=128', 'dist/main.js'], {
  cwd: root,
  env: {
    ...env,
    ...(process.env.DATABASE_URL
      ? { DATABASE_URL: process.env.DATABASE_URL }
      : { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'soak-')) }),
    PORT: String(port),
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
// The server's log passes through; its error lines (pino level 50 and up) fail the soak, shutdown included.
let serverErrors = 0;
for (const stream of [server.stdout, server.stderr]) {
  stream?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    serverErrors += chunk.toString().match(/"level":(5|6)0\b/g)?.length ?? 0;
  });
}
const exited = new Promise((resolve) => server.once('exit', resolve));
try {
  for (let i = 0; i < 240; i++) {
    if (
      (await fetch(`http://127.0.0.1:${port}/ready`).then(
        (r) => r.status,
        () => 0,
      )) === 200
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const warmup = await load(Math.min(15, Math.max(10, Math.ceil(seconds / 4))));
  const before = rssMb(server.pid as number);
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(Math.round(rssMb(server.pid as number))), 2000);
  const soak = await load(seconds);
  clearInterval(sampler);
  const after = rssMb(server.pid as number);
  // RSS saws up and down with garbage collection: a leak shows as a rising floor, so compare the
  // lowest sample of the second half of the run with the lowest of the first.
  const half = Math.floor(samples.length / 2);
  const floorBefore = Math.min(before, ...samples.slice(0, half));
  const floorAfter = Math.min(after, ...samples.slice(half));
  const growth = ((floorAfter - floorBefore) / floorBefore) * 100;
  const report = {
    seconds,
    requests: soak.requests,
    rps: Math.round(soak.rps),
    errors: warmup.errors + soak.errors,
    rssMbAfterWarmup: Math.round(before),
    rssMbAtEnd: Math.round(after),
    rssGrowthPercent: Math.round(growth * 10) / 10,
    rssMbEvery2s: samples,
  };
  console.log(JSON.stringify(report));
  process.exitCode = report.errors === 0 && growth < 10 ? 0 : 1;
} finally {
  server.kill('SIGTERM');
  await exited;
}
if (serverErrors > 0) {
  console.error(`The server logged ${serverErrors} error line(s), shutdown included.`);
  process.exitCode = 1;
}
