// npm run ingest -- data/articles/<key> … [--prefer-data]  (npm run db:seed: every document under data/articles/)
// Migrates the configured database, then writes the curated graph of each document in its own transaction,
// after checking all of it, as revisions by ingest:<key>. A fact a curator changed through the API keeps the
// curator's value and is printed as a conflict; --prefer-data writes the data's value instead.
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
    const preferData = process.argv.includes('--prefer-data');
    for (const folder of folders) {
      const { document, conflicts, ...summary } = await seedDocument(db, folder, { preferData });
      console.log(
        `Ingested ${document}: ${Object.entries(summary)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}, ${conflicts.length} conflicts.`,
      );
      for (const c of conflicts)
        console.log(
          `conflict: ${c.model} ${c.row} ${c.field}: the data has ${JSON.stringify(c.data)}, a curator set ${JSON.stringify(c.curated)}; ${
            c.kept === 'curated' ? "kept the curator's (--prefer-data takes the data's)" : "took the data's"
          }`,
        );
    }
  } finally {
    await db.$disconnect();
    await database.close();
  }
});
