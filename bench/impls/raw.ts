import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Implementation } from './types.js';

const server = path.join(path.dirname(fileURLToPath(import.meta.url)), 'raw/server.ts');

/** node:http + pg, one hand-written SQL statement per operation that builds the whole response in PostgreSQL. */
export const raw: Implementation = {
  name: 'raw',
  command: (port, databaseUrl) => ({
    command: process.execPath,
    args: ['--import', 'tsx', server],
    env: { PORT: String(port), DATABASE_URL: databaseUrl },
  }),
  request: (operation, input) => ({
    method: 'POST',
    path: `/${operation}`,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(input),
  }),
  normalise: (_operation, body) => {
    const data = (body as { data?: unknown } | null)?.data;
    if (data === undefined) throw new Error(`no data in ${JSON.stringify(body).slice(0, 200)}`);
    return data;
  },
};
