// Fault injection against the real server process on a PostgreSQL 15 server of this file's own:
// the database stops (pg_ctl stop -m immediate) and comes back under load, and SIGTERM lands under
// load. Everything stays on 127.0.0.1; every loop is bounded in count and in time.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const pgBin = '/usr/lib/postgresql/15/bin';
const canRun = fs.existsSync(path.join(pgBin, 'pg_ctl')) && process.getuid?.() === 0;

const query = '{ agreements(first: 5) { totalCount edges { node { title { zhHant } } } } }';
const adminToken = 'fictional-faults-admin-token-0123456789';
const requestTimeoutMs = 5000;
/** A request during the outage must fail within this. */
const failFastMs = 3000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

// ---- PostgreSQL --------------------------------------------------------------------------------

let pgDir = '';
let pgPort = 0;
let pgRunning = false;

/** Runs a shell command as the postgres user without blocking the event loop (timings stay honest). */
function asPostgres(command: string, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('su', ['postgres', '-s', '/bin/sh', '-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
    });
    child.stderr.on('data', (chunk) => {
      text += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${command} failed (${code ?? signal}): ${text.trim()}`));
    });
  });
}

const pgCtl = (args: string) => `${pgBin}/pg_ctl -D '${pgDir}/data' ${args}`;

async function pgStart() {
  await asPostgres(
    pgCtl(`-l '${pgDir}/log' -w -t 60 -o "-p ${pgPort} -k '${pgDir}' -c listen_addresses=127.0.0.1" start`),
  );
  pgRunning = true;
}

async function pgStop(mode: 'immediate' | 'fast') {
  await asPostgres(pgCtl(`-m ${mode} -w -t 60 stop`));
  pgRunning = false;
}

// ---- the API server ----------------------------------------------------------------------------

let api: ChildProcess | undefined;
let apiPort = 0;
/** Everything the server wrote, stdout and stderr interleaved as received. */
let output = '';
let exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;

async function startApi() {
  apiPort = await freePort();
  // As `npm start` would run it, logging at the default level (the app silences its logs under vitest).
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(VITEST|DATABASE_URL$|DATA_DIR$|NODE_ENV$|LOG_LEVEL$)/.test(name),
    ),
  );
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: root,
    env: {
      ...env,
      PORT: String(apiPort),
      DATABASE_URL: `postgres://postgres@127.0.0.1:${pgPort}/postgres`,
      LOG_LEVEL: 'info',
      ADMIN_TOKEN: adminToken,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  api = child;
  exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: now() })));
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  for (let i = 0; i < 180 && !output.includes('GraphQL API and GraphiQL at'); i++) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    await sleep(500);
  }
  if (!output.includes('GraphQL API and GraphiQL at')) throw new Error(`the server did not start:\n${output}`);
}

const apiAlive = () => api !== undefined && api.exitCode === null && api.signalCode === null;

// ---- HTTP --------------------------------------------------------------------------------------

interface Outcome {
  /** performance.now() when the request was created, when it was completely written, when it settled. */
  start: number;
  sent?: number;
  end: number;
  status?: number;
  contentType?: string;
  body?: string;
  /** A transport failure: ECONNREFUSED, ECONNRESET, TIMEOUT, … */
  error?: string;
}

function send(
  method: 'GET' | 'POST',
  urlPath: string,
  agent: http.Agent,
  options: {
    body?: string;
    timeoutMs?: number;
    beforeEnd?: (request: http.ClientRequest) => Promise<void>;
    headers?: http.OutgoingHttpHeaders;
  } = {},
): Promise<Outcome> {
  const { body, timeoutMs = requestTimeoutMs, beforeEnd } = options;
  return new Promise((resolve) => {
    const outcome: Outcome = { start: now(), end: 0 };
    let settled = false;
    const settle = (patch: Partial<Outcome>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      Object.assign(outcome, patch, { end: now() });
      resolve(outcome);
    };
    const headers: http.OutgoingHttpHeaders = { accept: 'application/json', ...options.headers };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const request = http.request({ host: '127.0.0.1', port: apiPort, method, path: urlPath, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => settle({ status: res.statusCode, contentType: res.headers['content-type'], body: text }));
      res.on('error', (error: NodeJS.ErrnoException) => settle({ error: error.code ?? error.message }));
    });
    const timer = setTimeout(() => {
      settle({ error: 'TIMEOUT' });
      request.destroy();
    }, timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => settle({ error: error.code ?? error.message }));
    request.on('close', () => settle({ error: 'CLOSED' }));
    request.on('finish', () => {
      outcome.sent = now();
    });
    if (beforeEnd && body !== undefined) {
      request.write(body.slice(0, 10));
      beforeEnd(request).then(() => request.end(body.slice(10)));
    } else {
      request.end(body);
    }
  });
}

const postQuery = (agent: http.Agent, options: Parameters<typeof send>[3] = {}) =>
  send('POST', '/graphql', agent, { body: JSON.stringify({ query }), ...options });
const postQueryOf = (agent: http.Agent, graphql: string) =>
  send('POST', '/graphql', agent, { body: JSON.stringify({ query: graphql }) });

function parse(outcome: Outcome): any {
  try {
    return JSON.parse(outcome.body ?? '');
  } catch {
    return undefined;
  }
}

function succeeded(outcome: Outcome) {
  const json = parse(outcome);
  return (
    outcome.status === 200 &&
    json?.errors === undefined &&
    json?.data?.agreements?.totalCount === 1 &&
    typeof json.data.agreements.edges[0]?.node?.title?.zhHant === 'string'
  );
}

/** What a masked error must not reveal: the driver's words, SQL, the database's address. */
const leaks = () =>
  new RegExp(
    [
      'ECONN',
      'terminat',
      'connect',
      'postgres',
      'prisma',
      'adapter',
      'SELECT',
      'FROM ',
      'stack',
      'originalError',
      '127\\.0\\.0\\.1',
      `\\b${pgPort}\\b`,
      '\\.ts:\\d',
      '\\.js:\\d',
    ].join('|'),
    'i',
  );

/** A GraphQL response in JSON whose errors are all the masked "Unexpected error." and reveal nothing. */
function maskedError(outcome: Outcome) {
  const json = parse(outcome);
  return (
    outcome.status !== undefined &&
    /json/.test(outcome.contentType ?? '') &&
    Array.isArray(json?.errors) &&
    json.errors.length > 0 &&
    json.errors.every((error: { message?: string }) => error.message === 'Unexpected error.') &&
    !leaks().test(outcome.body ?? '')
  );
}

const describeOutcome = (o: Outcome) =>
  `${Math.round(o.end - o.start)} ms: ${o.error ?? `${o.status} ${o.contentType} ${o.body?.slice(0, 300)}`}`;

/** Up to `workers` requests at a time until stop() or the deadline, at most maxRequests in all. */
async function runLoad(options: {
  agent: http.Agent;
  workers: number;
  maxMs: number;
  maxRequests: number;
  stop: () => boolean;
}): Promise<Outcome[]> {
  const deadline = now() + options.maxMs;
  const results: Outcome[] = [];
  let issued = 0;
  const worker = async () => {
    while (!options.stop() && now() < deadline && issued < options.maxRequests) {
      issued++;
      const outcome = await postQuery(options.agent);
      results.push(outcome);
      // Pace each worker so a fast failure mode does not become a tight loop.
      await sleep(outcome.error ? 50 : 5);
    }
  };
  await Promise.all(Array.from({ length: options.workers }, worker));
  return results;
}

/** Polls GET /ready every 100 ms until it answers `status`; returns when that answer arrived, or undefined. */
async function pollReady(agent: http.Agent, status: number, maxMs: number): Promise<number | undefined> {
  const deadline = now() + maxMs;
  for (let i = 0; i < Math.ceil(maxMs / 100) + 1 && now() < deadline; i++) {
    const tick = now();
    const outcome = await send('GET', '/ready', agent, { timeoutMs: 3000 });
    if (outcome.status === status) return outcome.end;
    await sleep(Math.max(0, 100 - (now() - tick)));
  }
  return undefined;
}

/** How many masked errors the clients were sent, in all: the server should log each once. */
let maskedErrorsReceived = 0;
const countMaskedErrors = (results: Outcome[]) => {
  for (const outcome of results) if (maskedError(outcome)) maskedErrorsReceived += parse(outcome).errors.length;
};

const ms = (from: number, to: number | undefined) => (to === undefined ? undefined : Math.round(to - from));

// ---- the tests ---------------------------------------------------------------------------------

describe.skipIf(!canRun)('faults, against a PostgreSQL 15 server of its own', () => {
  // Should the worker end without afterAll, the database server still goes.
  const lastResort = () => {
    if (apiAlive()) api?.kill('SIGKILL');
    if (pgDir && fs.existsSync(path.join(pgDir, 'data', 'postmaster.pid'))) {
      spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', pgCtl('-m immediate -w -t 30 stop')], { timeout: 35_000 });
    }
    if (pgDir) fs.rmSync(pgDir, { recursive: true, force: true });
  };

  beforeAll(async () => {
    process.once('exit', lastResort);
    pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faults-pg-'));
    const chown = spawnSync('chown', ['postgres', pgDir], { encoding: 'utf8' });
    if (chown.status !== 0) throw new Error(`chown postgres ${pgDir}: ${chown.stderr}`);
    pgPort = await freePort();
    await asPostgres(`${pgBin}/initdb -A trust -U postgres -D '${pgDir}/data' >/dev/null`);
    await pgStart();
    await startApi();
  }, 180_000);

  afterAll(async () => {
    try {
      if (apiAlive()) api?.kill('SIGKILL');
    } finally {
      try {
        if (pgDir && fs.existsSync(path.join(pgDir, 'data', 'postmaster.pid'))) await pgStop('immediate');
      } catch (error) {
        console.error(error);
      } finally {
        if (pgDir) fs.rmSync(pgDir, { recursive: true, force: true });
        process.removeListener('exit', lastResort);
      }
    }
  }, 90_000);

  it('the database stops under load: requests fail fast and masked, /ready flips, and both recover', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const readyAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(succeeded(await postQuery(agent))).toBe(true);

      let stopLoad = false;
      const load = runLoad({ agent, workers: 8, maxMs: 30_000, maxRequests: 20_000, stop: () => stopLoad });
      await sleep(1500);

      const stopIssued = now();
      await pgStop('immediate');
      const stopped = now();
      const notReady = await pollReady(readyAgent, 503, 3000);
      // Keep the load on the stopped database for a while before bringing it back.
      await sleep(Math.max(0, stopped + 2500 - now()));
      const aliveDuringOutage = apiAlive();

      const startIssued = now();
      await pgStart();
      const started = now();
      const readyAgain = await pollReady(readyAgent, 200, 15_000);
      await sleep(1000);
      stopLoad = true;
      const results = await load;
      const after = await postQuery(agent);
      countMaskedErrors([...results, after]);

      const outage = results.filter((o) => o.start >= stopped && o.end <= startIssued);
      const slowest = (list: Outcome[]) => Math.round(Math.max(0, ...list.map((o) => o.end - o.start)));
      const timings = {
        requests: results.length,
        duringOutage: outage.length,
        slowestDuringOutageMs: slowest(outage),
        medianDuringOutageMs: Math.round(
          outage.map((o) => o.end - o.start).sort((a, b) => a - b)[Math.floor(outage.length / 2)] ?? 0,
        ),
        slowestOverallMs: slowest(results),
        pgStopMs: ms(stopIssued, stopped),
        readyTurned503AfterStopMs: ms(stopped, notReady),
        readyTurned503AfterStopIssuedMs: ms(stopIssued, notReady),
        pgStartMs: ms(startIssued, started),
        readyTurned200AfterStartMs: ms(started, readyAgain),
        successesAfterReady: results.filter((o) => readyAgain !== undefined && o.start >= readyAgain && succeeded(o))
          .length,
      };
      console.log('database outage under load:', JSON.stringify(timings));

      // Never a hang, a reset or a non-JSON crash: every answer is the data or a masked GraphQL error.
      const bad = results.filter((o) => !succeeded(o) && !maskedError(o));
      expect(
        bad.map(describeOutcome).slice(0, 5),
        `${bad.length} requests neither succeeded nor failed masked`,
      ).toEqual([]);
      expect(outage.length).toBeGreaterThan(20);
      expect(
        outage
          .filter((o) => !maskedError(o))
          .map(describeOutcome)
          .slice(0, 5),
      ).toEqual([]);
      expect(timings.slowestDuringOutageMs).toBeLessThan(failFastMs);
      expect(timings.slowestOverallMs).toBeLessThan(failFastMs);

      expect(aliveDuringOutage).toBe(true);
      expect(timings.readyTurned503AfterStopMs).toBeDefined();
      expect(timings.readyTurned503AfterStopMs).toBeLessThan(2000);
      expect(timings.readyTurned200AfterStartMs).toBeDefined();
      expect(timings.readyTurned200AfterStartMs).toBeLessThan(10_000);
      expect(timings.successesAfterReady).toBeGreaterThan(0);
      expect(succeeded(after), describeOutcome(after)).toBe(true);
      expect(apiAlive()).toBe(true);
    } finally {
      agent.destroy();
      readyAgent.destroy();
      // Back up for the next test, without hiding why this one failed.
      if (!pgRunning) await pgStart().catch((error) => console.error('could not restart PostgreSQL:', error));
    }
  }, 90_000);

  it('the database is killed under writes: each write is all or nothing, and every one acknowledged is there', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    // Every answer is counted for the log test below: each masked error is logged once.
    const counted = async (outcome: Promise<Outcome>) => {
      const settled = await outcome;
      countMaskedErrors([settled]);
      return settled;
    };
    const write = (graphql: string, variables: unknown) =>
      counted(
        send('POST', '/graphql', agent, {
          body: JSON.stringify({ query: graphql, variables }),
          headers: { authorization: `Bearer ${adminToken}` },
        }),
      );
    const read = (graphql: string) => counted(postQueryOf(agent, graphql));
    const db = () => new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${pgPort}/postgres` });
    try {
      const added = parse(
        await write(
          `mutation ($input: AddSourceDocumentInput!) { addSourceDocument(input: $input) {
            ... on AddSourceDocumentSuccess { document { id text } } } }`,
          { input: { key: 'fictional-faults-evidence', rawText: '虛構的故障測試文件：僅供測試。' } },
        ),
      );
      const document = added.data.addSourceDocument.document;
      const evidence = { documentId: document.id, start: 0, end: 5, text: document.text.slice(0, 5) };
      const list = parse(await read('{ commitments(first: 8) { edges { node { id version status } } } }'));
      const commitments = list.data.commitments.edges.map((edge: { node: object }) => edge.node);
      expect(commitments.length).toBeGreaterThanOrEqual(4);
      const statuses = ['IN_PROGRESS', 'FULFILLED', 'LAPSED'];
      const acknowledged: string[] = [];
      const acknowledgedDocuments: string[] = [];
      let stop = false;
      const setStatus = `mutation ($input: SetCommitmentStatusInput!) { setCommitmentStatus(input: $input) {
        __typename ... on SetCommitmentStatusSuccess { commitment { version status } revision { id } }
        ... on StaleVersionError { currentVersion } } }`;
      // One writer per commitment, each knowing its version; after a failure it reads the version again.
      const writers = commitments.map(
        async (commitment: { id: string; version: number; status: string }, i: number) => {
          let n = i;
          while (!stop) {
            const status = statuses.filter((s) => s !== commitment.status)[n++ % 2] as string;
            const outcome = await write(setStatus, {
              input: {
                commitmentId: commitment.id,
                status,
                asOf: '2013-01-01',
                evidence,
                expectedVersion: commitment.version,
              },
            });
            const answer = parse(outcome)?.data?.setCommitmentStatus;
            if (answer?.__typename === 'SetCommitmentStatusSuccess') {
              acknowledged.push(answer.revision.id);
              Object.assign(commitment, answer.commitment);
            } else {
              await sleep(50);
              const current = parse(
                await read(`{ node(id: "${commitment.id}") { ... on Commitment { version status } } }`),
              );
              if (current?.data?.node) Object.assign(commitment, current.data.node);
            }
          }
        },
      );
      const documents = (async () => {
        for (let i = 0; !stop; i++) {
          const outcome = await write(
            `mutation ($input: AddSourceDocumentInput!) { addSourceDocument(input: $input) {
              ... on AddSourceDocumentSuccess { document { id } } } }`,
            { input: { key: `fictional-faults-${i}`, rawText: `虛構的故障測試文件 ${i}` } },
          );
          const id = parse(outcome)?.data?.addSourceDocument?.document?.id;
          if (id) acknowledgedDocuments.push(id);
          else await sleep(50);
        }
      })();
      // Corrections through the generic editor: one writer per fictional party, each knowing its version.
      const acknowledgedCorrections: string[] = [];
      const correctors = [0, 1].map(async (n) => {
        const raw = await write(
          `mutation ($input: CreatePartyInput!) { createParty(input: $input) { ... on CreatePartySuccess { party { id version } } } }`,
          { input: { key: `fictional-faults-party-${n}`, name: { zhHant: `虛構故障測試單位${n}` }, kind: 'OTHER' } },
        );
        const made = parse(raw)?.data?.createParty?.party as { id: string; version: number } | undefined;
        if (!made) return;
        for (let i = 0; !stop; i++) {
          const outcome = await write(
            `mutation ($input: UpdatePartyInput!) { updateParty(input: $input) {
              __typename ... on UpdatePartySuccess { party { version } revision { id } } } }`,
            { input: { id: made.id, expectedVersion: made.version, aliases: [`虛構別名${i}`] } },
          );
          const answer = parse(outcome)?.data?.updateParty;
          if (answer?.__typename === 'UpdatePartySuccess') {
            acknowledgedCorrections.push(answer.revision.id);
            made.version = answer.party.version;
          } else {
            await sleep(50);
            const current = parse(await read(`{ node(id: "${made.id}") { ... on Party { version } } }`));
            if (current?.data?.node) made.version = current.data.node.version;
          }
        }
      });
      await sleep(1500);
      await pgStop('immediate');
      await sleep(1500);
      await pgStart();
      await pollReady(agent, 200, 15_000);
      await sleep(1500);
      stop = true;
      await Promise.all([...writers, documents, ...correctors]);

      const client = db();
      await client.connect();
      try {
        const rows = async (sql: string) => (await client.query(sql)).rows;
        // A commitment's version counts its changes; each change has one revision and one history entry.
        const torn = await rows(`SELECT c."id", c."version",
            (SELECT count(*)::int FROM "Revision" r WHERE r."entityType" = 'Commitment' AND r."entityId" = c."id"
              AND r."changes" ? 'statusHistory') AS revisions,
            (SELECT count(*)::int FROM "CommitmentStatusChange" s WHERE s."commitmentId" = c."id") AS entries
          FROM "Commitment" c WHERE c."version" > 1 OR EXISTS (SELECT FROM "CommitmentStatusChange" s WHERE s."commitmentId" = c."id")`);
        expect(torn.length).toBeGreaterThan(0);
        expect(torn.filter((c) => c.version !== 1 + c.revisions || c.entries !== c.revisions)).toEqual([]);
        const documentsWithoutCreation =
          await rows(`SELECT d."key" FROM "SourceDocument" d WHERE d."key" LIKE 'fictional-faults-%'
          AND NOT EXISTS (SELECT FROM "Revision" r WHERE r."entityType" = 'SourceDocument' AND r."entityId" = d."id" AND r."action" = 'CREATE')`);
        expect(documentsWithoutCreation).toEqual([]);
        const revisionIds = new Set((await rows('SELECT "id" FROM "Revision"')).map((r) => Number(r.id)));
        const idOf = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);
        expect(acknowledged.length).toBeGreaterThan(10);
        expect(acknowledged.filter((id) => !revisionIds.has(idOf(id)))).toEqual([]);
        // A corrected party's version counts its revisions, and it holds what its latest revision says.
        const parties = await rows(`SELECT p."version", p."aliases",
            (SELECT count(*)::int FROM "Revision" r WHERE r."entityType" = 'Party' AND r."entityId" = p."id") AS revisions,
            (SELECT r."changes" -> 'aliases' -> 'after' FROM "Revision" r WHERE r."entityType" = 'Party' AND r."entityId" = p."id"
              ORDER BY r."id" DESC LIMIT 1) AS latest
          FROM "Party" p WHERE p."key" LIKE 'fictional-faults-party-%'`);
        expect(parties).toHaveLength(2);
        for (const party of parties) {
          expect(party.version).toBe(party.revisions);
          expect(party.latest).toEqual(party.aliases);
        }
        expect(acknowledgedCorrections.length).toBeGreaterThan(10);
        expect(acknowledgedCorrections.filter((id) => !revisionIds.has(idOf(id)))).toEqual([]);
        const documentIds = new Set((await rows('SELECT "id" FROM "SourceDocument"')).map((r) => Number(r.id)));
        expect(acknowledgedDocuments.length).toBeGreaterThan(3);
        expect(acknowledgedDocuments.filter((id) => !documentIds.has(idOf(id)))).toEqual([]);
        console.log(
          'database killed under writes:',
          JSON.stringify({
            statusChanges: acknowledged.length,
            documents: acknowledgedDocuments.length,
            corrections: acknowledgedCorrections.length,
            commitments: torn.length,
          }),
        );
      } finally {
        await client.end();
      }
      expect(apiAlive()).toBe(true);
    } finally {
      agent.destroy();
      if (!pgRunning) await pgStart().catch((error) => console.error('could not restart PostgreSQL:', error));
    }
  }, 90_000);

  it('SIGTERM under load: requests already sent complete, then it exits 0 promptly', async () => {
    expect(apiAlive()).toBe(true);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const slowAgent = new http.Agent({ keepAlive: true });
    try {
      let exited: { code: number | null; signal: NodeJS.Signals | null; at: number } | undefined;
      void exit.then((result) => {
        exited = result;
      });
      // The clients keep going until the process is gone (at most 10 s after the signal), as real ones would.
      const load = runLoad({ agent, workers: 8, maxMs: 11_500, maxRequests: 20_000, stop: () => exited !== undefined });
      await sleep(1000);

      let signalled = 0;
      const signal = new Promise<void>((resolve) => {
        setTimeout(() => {
          signalled = now();
          api?.kill('SIGTERM');
          resolve();
        }, 500);
      });
      // In flight for sure: headers and part of the body arrive before the signal, the rest 300 ms after it.
      const slow = Array.from({ length: 3 }, () =>
        postQuery(slowAgent, { beforeEnd: () => signal.then(() => sleep(300)) }),
      );

      const results = await load;
      const exitedUnderLoad = exited !== undefined;
      const slowResults = await Promise.all(slow);
      countMaskedErrors([...results, ...slowResults]);
      // Once the clients have stopped, a server that waited for them has 15 s more to exit.
      const final = exited ?? (await Promise.race([exit, sleep(15_000).then(() => undefined)]));

      const sentBefore = results.filter((o) => o.sent !== undefined && o.sent < signalled);
      const rest = results.filter((o) => !sentBefore.includes(o));
      const counts = (list: Outcome[]) =>
        list.reduce<Record<string, number>>((acc, o) => {
          const key = succeeded(o) ? 'ok' : (o.error ?? `HTTP ${o.status}`);
          acc[key] = (acc[key] ?? 0) + 1;
          return acc;
        }, {});
      const lastAnswered = Math.max(0, ...results.filter(succeeded).map((o) => o.end));
      const report = {
        exit: final && { code: final.code, signal: final.signal },
        exitedAfterSignalMs: final ? ms(signalled, final.at) : undefined,
        exitedUnderLoad,
        lastSuccessAfterSignalMs: ms(signalled, lastAnswered),
        sentBeforeSignal: counts(sentBefore),
        notSentBeforeSignal: counts(rest),
        inFlightAcrossSignal: counts(slowResults),
      };
      console.log('SIGTERM under load:', JSON.stringify(report));

      expect(output).toContain('SIGTERM: finishing in-flight requests');
      // Every request already sent when the signal landed is answered in full: no reset, no timeout.
      expect(sentBefore.length).toBeGreaterThan(0);
      expect(sentBefore.filter((o) => !succeeded(o)).map(describeOutcome)).toEqual([]);
      expect(slowResults.filter((o) => !succeeded(o)).map(describeOutcome)).toEqual([]);
      // Later ones are answered in full, refused, or (the keep-alive race on a connection closed as idle) reset
      // before any byte of an answer; never a timeout, a half answer or an error status.
      const allowed = new Set(['ECONNREFUSED', 'ECONNRESET', 'socket hang up', 'EPIPE']);
      expect(rest.filter((o) => !succeeded(o) && !allowed.has(o.error ?? '')).map(describeOutcome)).toEqual([]);
      expect(report.exit, 'the server had not exited 15 s after its clients stopped').toEqual({
        code: 0,
        signal: null,
      });
      // Clients that keep their keep-alive connections busy must not hold the shutdown open.
      expect(
        report.exitedUnderLoad,
        `still answering keep-alive clients ${report.lastSuccessAfterSignalMs} ms after SIGTERM; exited only once they stopped`,
      ).toBe(true);
      expect(report.exitedAfterSignalMs).toBeLessThan(5000);
    } finally {
      agent.destroy();
      slowAgent.destroy();
    }
  }, 60_000);

  it('never crashes: no unhandled rejection, no uncaught exception, no raw error or stack trace', () => {
    const { raw, records } = readLog(output);
    const unhandled = [...raw, ...records.map((record) => JSON.stringify(record))].filter((line) =>
      /unhandled|uncaught/i.test(line),
    );
    // Raw output is the few lines main.ts prints; an error printed by console.error or by Node on a crash is not.
    const rawErrors = raw.filter((line) => errorHeader.test(line) || stackFrame.test(line));
    expect({ unhandled: distinct(unhandled), rawErrors: distinct(rawErrors) }).toEqual({
      unhandled: [],
      rawErrors: [],
    });
  });

  it('logs the outage without stack traces, one line per masked error', () => {
    const { records } = readLog(output);
    const withStack = records.filter((record) => strings(record).some((text) => stackFrame.test(text)));
    const errors = records.filter((record) => typeof record.level === 'number' && record.level >= 50);
    const byMessage = (list: Record<string, unknown>[]) =>
      list.reduce<Record<string, number>>((acc, record) => {
        const key = String(record.msg).trim().split('\n').pop()!.slice(0, 120);
        acc[key] = (acc[key] ?? 0) + 1;
        return acc;
      }, {});
    console.log(
      'server log:',
      JSON.stringify({
        records: records.length,
        errorRecords: errors.length,
        maskedErrorsReceived,
        withStack: withStack.length,
        withStackByMessage: byMessage(withStack),
      }),
    );
    expect(byMessage(withStack)).toEqual({});
    expect(errors.length).toBeLessThanOrEqual(maskedErrorsReceived);
  });
});

/** The server's output: JSON log records, and the raw lines that are not one. */
function readLog(text: string) {
  const raw: string[] = [];
  const records: Record<string, unknown>[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const record: unknown = JSON.parse(line);
      if (record && typeof record === 'object' && !Array.isArray(record)) {
        records.push(record as Record<string, unknown>);
        continue;
      }
    } catch {}
    raw.push(line);
  }
  return { raw, records };
}

/** "Error: …", "TypeError: …", "Error [ERR_X]: …": how Node prints an error's first line. */
const errorHeader = /(^|[^\w.])(?:[A-Z]\w*)?Error(?: \[\w+\])?:/;
/** "    at fn (file:1:2)": a line of a stack trace, anywhere in a multi-line text. */
const stackFrame = /^\s+at\s+\S.*(:\d+:\d+|\(native\)|<anonymous>)/m;

const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];

const distinct = (lines: string[]) => [...new Set(lines.map((line) => line.trim().slice(0, 300)))].slice(0, 10);
