import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { graphqlRequest, readOperation } from './graphql-request.js';
import { ours, setStatusOutcome, setStatusVariables } from './ours.js';
import type { Implementation } from './types.js';

const operationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../operations');
const server = path.join(path.dirname(fileURLToPath(import.meta.url)), 'naive/server.ts');

/** The same SDL, documents and variables as ours; only the server differs. */
export const naive: Implementation = {
  name: 'naive',
  command: (port, databaseUrl) => ({
    command: process.execPath,
    args: ['--import', 'tsx', server],
    env: { PORT: String(port), DATABASE_URL: databaseUrl },
  }),
  request: ours.request,
  normalise: ours.normalise,
  write: {
    request: (write) => {
      const request = graphqlRequest(readOperation(operationsDir, 'W1'), setStatusVariables(write));
      return request;
    },
    outcome: setStatusOutcome,
  },
};
