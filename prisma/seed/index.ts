// npm run db:seed — migrates the configured database, then writes the curated article graph.
import { runCli } from '../../src/cli.js';
import { prepareDatabase } from '../../src/prepare.js';
import { seed } from './seed.js';

await runCli(async () => {
  const { database, db } = await import('../../src/db.js');
  try {
    const { applied } = await prepareDatabase(database);
    if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
    const summary = await seed(db);
    console.log(
      `Seeded ${Object.entries(summary)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}.`,
    );
  } finally {
    await db.$disconnect();
    await database.close();
  }
});
