import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { graphqlData, graphqlRequest, readOperation } from './graphql-request.js';
import { operationsDir, relayVariables } from './ours.js';
import type { Implementation } from './types.js';

const server = path.join(path.dirname(fileURLToPath(import.meta.url)), 'naive/server.ts');

export const naive: Implementation = {
  name: 'naive',
  command: (port, databaseUrl) => ({
    command: process.execPath,
    args: ['--import', 'tsx', server],
    env: { PORT: String(port), DATABASE_URL: databaseUrl },
  }),
  request: (operation, input) =>
    graphqlRequest(readOperation(operationsDir, operation), relayVariables(operation, input)),
  normalise: (_operation, body) => graphqlData(body),
};
