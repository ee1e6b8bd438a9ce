import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ours } from './ours.js';
import type { Implementation } from './types.js';

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
};
