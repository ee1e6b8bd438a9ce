import type { Db } from './client.js';
import type { Database } from './database.js';
import { applyMigrations, migrationsUpToDate, openSchemaEngine, releaseUnfinishedMigrations } from './migrations.js';

/** Writes the graph's data into an empty database. */
export type Seeder = (db: Db) => Promise<unknown>;

/**
 * Checks the database answers, applies pending migrations, and, given a client and a seeder, seeds
 * it when it holds no document yet, or when its search terms lack the grams a migration added after they
 * were seeded (seeding again is idempotent).
 */
export async function prepareDatabase(database: Database, seeding?: { db: Db; seed: Seeder }) {
  await database.ping();
  return database.preparing(async (adapter, query) => {
    const released = await releaseUnfinishedMigrations(query);
    let applied: string[] = [];
    if (!(await migrationsUpToDate(query))) {
      const engine = await openSchemaEngine(adapter);
      try {
        applied = await applyMigrations(engine);
      } finally {
        engine.free();
      }
    }
    let seeded = false;
    if (seeding && (await needsSeeding(seeding.db))) {
      await seeding.seed(seeding.db);
      seeded = true;
    }
    return { released, applied, seeded };
  });
}

async function needsSeeding(db: Db) {
  if ((await db.sourceDocument.count()) === 0) return true;
  return (await db.searchGram.findFirst()) === null && (await db.searchTerm.findFirst()) !== null;
}
