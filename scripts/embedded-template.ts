// Run by npm run build (as dist/embedded-template.js): migrates and seeds an in-memory embedded database
// and writes its data folder to dist/embedded-template.tar.gz, which a new DATA_DIR then starts from.
import path from 'node:path';
import { runCli } from '../src/cli.js';
import { projectRoot } from '../src/config.js';
import { createClient } from '../src/data/client.js';
import { openDatabase } from '../src/data/database.js';
import { templateFingerprint, writeTemplate } from '../src/data/embedded-template.js';
import { prepareDatabase } from '../src/data/prepare.js';
import { seedDocuments } from '../src/seed/write.js';

await runCli(async () => {
  const fingerprint = templateFingerprint();
  const database = openDatabase({ kind: 'embedded', dataDir: 'memory://' });
  const db = createClient(database);
  try {
    await prepareDatabase(database, { db, seed: seedDocuments });
    await db.$disconnect();
    await writeTemplate(path.join(projectRoot, 'dist', 'embedded-template.tar.gz'), await database.dump(), fingerprint);
  } finally {
    await database.close();
  }
});
