import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** Creates an empty database on the PostgreSQL server at TEST_DATABASE_URL, runs `run` on its URL, then drops it. */
export async function withEmptyDatabase(run: (url: string) => Promise<void>) {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  const name = `scratch_${randomUUID().replaceAll('-', '')}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const url = new URL(process.env.TEST_DATABASE_URL as string);
    url.pathname = `/${name}`;
    await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
