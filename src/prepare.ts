import type { Database } from './database.js';
import type { Db } from './db.js';
import { applyMigrations, openSchemaEngine, releaseUnfinishedMigrations } from './schema-engine.js';

/** Checks the database answers, applies pending migrations, and, given a client, seeds it when it holds no data yet. */
export async function prepareDatabase(database: Database, db?: Db) {
  await database.ping();
  return database.preparing(async (adapter, query) => {
    const released = await releaseUnfinishedMigrations(query);
    const engine = await openSchemaEngine(adapter);
    let applied: string[];
    try {
      applied = await applyMigrations(engine);
    } finally {
      engine.free();
    }
    let seeded = false;
    if (db && (await db.sourceDocument.count()) === 0) {
      const { seed } = await import('../prisma/seed/seed.js');
      await seed(db);
      seeded = true;
    }
    return { released, applied, seeded };
  });
}
