import { afterAll, beforeAll } from 'vitest';
import { readDatabaseConfig } from '../../src/config.js';
import { createClient } from '../../src/data/client.js';
import { openDatabase } from '../../src/data/database.js';
import { prepareDatabase } from '../../src/data/prepare.js';
import type { DataLayer } from '../../src/graphql/context.js';
import { seedDocuments } from '../../src/seed/write.js';

/** This file's database (see database-per-file.ts), opened for its tests: migrated and seeded before them, closed after. */
export function useSeededDatabase(): DataLayer {
  const database = openDatabase(readDatabaseConfig());
  const db = createClient(database);
  beforeAll(async () => {
    await prepareDatabase(database, { db, seed: seedDocuments });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.close();
  });
  return { database, db };
}
