import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { graphqlData, graphqlGetRequest, graphqlRequest, readOperation } from './graphql-request.js';
import type { Implementation, OperationInput, OperationName, StatusWrite, Writer } from './types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const operationsDir = path.join(root, 'bench/operations');
const base64 = (text: string) => Buffer.from(text).toString('base64');

/** Variables of bench/operations/<operation>.graphql for our schema, also used by the naive server. */
function relayVariables(operation: OperationName, input: OperationInput): Record<string, unknown> {
  switch (operation) {
    case 'Q2':
      return { id: base64(`Commitment:${input.commitmentId}`) };
    case 'Q4':
      // Cursors name their list (src/graphql/cursors.ts); inside, Pothos' cursor of the party.
      return { after: base64(`Query.parties|GPC:N:${input.afterPartyId}`) };
    case 'Q5':
      return { query: input.query };
    default:
      return {};
  }
}

/** The operator's token of the bench's servers, made anew each run. */
const adminToken = randomBytes(32).toString('hex');

/** A W1 input in our schema's terms. */
export const setStatusVariables = (write: StatusWrite) => ({
  input: {
    commitmentId: base64(`Commitment:${write.commitmentId}`),
    status: write.status,
    asOf: write.asOf,
    evidence: { ...write.evidence, documentId: base64(`SourceDocument:${write.evidence.documentId}`) },
    expectedVersion: write.expectedVersion,
  },
});

/** Reads the answer to bench/operations/W1.graphql. */
export function setStatusOutcome(body: unknown): { version: number | null } | 'stale' | Error {
  const result = (body as { data?: { setCommitmentStatus?: { __typename: string; commitment?: { version: number } } } })
    .data?.setCommitmentStatus;
  if (result?.__typename === 'SetCommitmentStatusSuccess' && result.commitment)
    return { version: result.commitment.version };
  if (result?.__typename === 'StaleVersionError') return 'stale';
  return new Error(JSON.stringify(body).slice(0, 300));
}

const writer: Writer = {
  // A curator's API key, as a client of the API would write with: its revocation is checked on every request.
  setup: async (port) => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({
        query: `mutation ($name: String!) { createApiKey(input: { name: $name, scopes: [CURATE] }) {
          ... on CreateApiKeySuccess { token } ... on ValidationError { message } } }`,
        variables: { name: `bench-${randomBytes(6).toString('hex')}` },
      }),
    });
    const answer = (await response.json()) as { data?: { createApiKey?: { token?: string } } };
    const token = answer.data?.createApiKey?.token;
    if (!token) throw new Error(`could not mint the bench's API key: HTTP ${response.status}`);
    return { authorization: `Bearer ${token}` };
  },
  request: (write, headers) => {
    const request = graphqlRequest(readOperation(operationsDir, 'W1'), setStatusVariables(write));
    return { ...request, headers: { ...request.headers, ...headers } };
  },
  outcome: setStatusOutcome,
};

export const ours: Implementation = {
  name: 'ours',
  command: (port, databaseUrl) => ({
    command: process.execPath,
    args: [path.join(root, 'dist/main.js')],
    env: {
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      TRUSTED_DOCUMENTS_ONLY: 'false',
      // Q3 asks for up to 20 × 10 × 20 × 5 nested items; the shipped default refuses it as too costly.
      MAX_COST: '10000000',
      ADMIN_TOKEN: adminToken,
    },
  }),
  // The compiled build, as npm start runs it.
  prepare: async () => void execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-stale']),
  request: (operation, input) =>
    graphqlRequest(readOperation(operationsDir, operation), relayVariables(operation, input)),
  normalise: (_operation, body) => graphqlData(body),
  write: writer,
};

/**
 * Ours with the response cache shared in Redis (BENCH_REDIS_URL, which the bench starts; in memory without it),
 * read with GET by clients that revalidate what they hold (If-None-Match): a separate row, never ours.
 */
export const oursCached: Implementation = {
  ...ours,
  name: 'ours_cached',
  command: (port, databaseUrl) => {
    const shipped = ours.command(port, databaseUrl);
    const redis = process.env.BENCH_REDIS_URL;
    return {
      ...shipped,
      env: { ...shipped.env, RESPONSE_CACHE_TTL_MS: '60000', ...(redis ? { REDIS_URL: redis } : {}) },
    };
  },
  request: (operation, input) =>
    graphqlGetRequest(readOperation(operationsDir, operation), relayVariables(operation, input)),
  revalidates: true,
};
