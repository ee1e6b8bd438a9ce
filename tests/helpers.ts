import { afterAll, beforeAll } from 'vitest';
import { database, db } from '../src/db.js';
import { prepareDatabase } from '../src/prepare.js';

/** Migrates and seeds this file's database before its tests and closes it after them. */
export function useSeededDatabase() {
  beforeAll(async () => {
    await prepareDatabase(database, db);
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.close();
  });
  return { database, db };
}
