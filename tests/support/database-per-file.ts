// Every test file gets a database of its own: in-memory PGlite, or, when TEST_DATABASE_URL names
// a PostgreSQL server, a fresh database created on it for this file and dropped afterwards.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';

const server = process.env.TEST_DATABASE_URL;
if (server) {
  const name = `test_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  afterAll(async () => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  });
} else {
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = 'memory://';
}
