// npm run db:seed [-- data/articles/<key> …] — migrates the configured database, then writes the curated
// graph of every document under data/articles/ (or of the folders named), each in its own transaction.
import path from 'node:path';
import { runCli } from '../src/cli.js';
import { readDatabaseConfig } from '../src/config.js';
import { createClient } from '../src/data/client.js';
import { openDatabase } from '../src/data/database.js';
import { prepareDatabase } from '../src/data/prepare.js';
import { readSourceFolder, readSourceFolders } from '../src/seed/documents.js';
import { seedDocument } from '../src/seed/write.js';

await runCli(async () => {
  const named = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const folders = named.length ? named.map((dir) => readSourceFolder(path.resolve(dir))) : readSourceFolders();
  const database = openDatabase(readDatabaseConfig());
  const db = createClient(database);
  try {
    const { applied } = await prepareDatabase(database);
    if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
    for (const folder of folders) {
      const { document, ...summary } = await seedDocument(db, folder);
      console.log(
        `Seeded ${document}: ${Object.entries(summary)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}.`,
      );
    }
  } finally {
    await db.$disconnect();
    await database.close();
  }
});
