import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { graphqlData, graphqlRequest, readOperation } from './graphql-request.js';
import type { Implementation, OperationInput, OperationName } from './types.js';

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
    },
  }),
  // The compiled build, as npm start runs it.
  prepare: async () => void execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-stale']),
  request: (operation, input) =>
    graphqlRequest(readOperation(operationsDir, operation), relayVariables(operation, input)),
  normalise: (_operation, body) => graphqlData(body),
};

/** Ours with the response cache on: reported as its own row, never as ours. */
export const oursCached: Implementation = {
  ...ours,
  name: 'ours_cached',
  command: (port, databaseUrl) => {
    const shipped = ours.command(port, databaseUrl);
    return { ...shipped, env: { ...shipped.env, RESPONSE_CACHE_TTL_MS: '60000' } };
  },
};
