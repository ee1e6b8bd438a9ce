import fs from 'node:fs';
import http from 'node:http';
import pg from 'pg';
import { type Hit, pageOfHits } from '../../../src/data/search.js';
import { normalizeSearchText } from '../../../src/data/search-text.js';

const sql = (name: string) => fs.readFileSync(new URL(`${name}.sql`, import.meta.url), 'utf8');

class BadInput extends Error {}

const int4 = (value: unknown, field: string) => {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 2 ** 31 - 1) {
    throw new BadInput(`${field} must be a non-negative 32-bit integer`);
  }
  return value as number;
};

type Input = Record<string, unknown>;
const operations: Record<string, { text: string; values: (input: Input) => unknown[] | Promise<unknown[]> }> = {
  Q1: { text: sql('Q1'), values: () => [] },
  Q2: { text: sql('Q2'), values: (input) => [int4(input.commitmentId, 'commitmentId')] },
  Q3: { text: sql('Q3'), values: () => [] },
  Q4: { text: sql('Q4'), values: (input) => [int4(input.afterPartyId, 'afterPartyId')] },
  Q5: {
    text: sql('Q5'),
    // The hits, one more than the page as the resolver loads, by our server's own statements.
    values: async ({ query }) => {
      const term = typeof query === 'string' ? normalizeSearchText(query.slice(0, 200)) : '';
      if (!term) throw new BadInput('query must contain a letter, digit or Chinese character');
      const hits = await pageOfHits(async (statement) => (await pool.query<Hit>(statement)).rows, term, 21, 0);
      return [hits.map((hit) => hit.entityType), hits.map((hit) => hit.entityId)];
    },
  },
  Q6: { text: sql('Q6'), values: () => [] },
};

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

function send(res: http.ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function readInput(req: http.IncomingMessage): Promise<Input> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let input: unknown;
  try {
    input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new BadInput('body is not JSON');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new BadInput('body must be an object');
  return input as Input;
}

const server = http.createServer(async (req, res) => {
  const name = req.url?.slice(1) ?? '';
  const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
  if (req.method !== 'POST' || !operation) return send(res, 404, '{"error":"POST /Q1 … /Q6"}');
  try {
    const values = await operation.values(await readInput(req));
    const result = await pool.query<[string]>({ name, text: operation.text, values, rowMode: 'array' });
    send(res, 200, result.rows[0]![0]);
  } catch (error) {
    const bad = error instanceof BadInput;
    if (!bad) console.error(error);
    send(res, bad ? 400 : 500, JSON.stringify({ error: bad ? error.message : 'internal error' }));
  }
});

server.listen(Number(process.env.PORT ?? 4300));
