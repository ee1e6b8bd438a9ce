// Killed the moment Prisma's engine runs the first migration's script, after it has recorded the
// migration as started: what stopping a server during its first start leaves behind.
//   tsx tests/support/die-migrating.ts <DATA_DIR or postgres:// URL>
import { openDatabase } from '../../src/data/database.js';
import { applyMigrations, openSchemaEngine } from '../../src/data/migrations.js';

const target = process.argv[2] as string;
const database = openDatabase(
  target.startsWith('postgres')
    ? { kind: 'server', url: target, poolSize: 2, replicaUrls: [] }
    : { kind: 'embedded', dataDir: target },
);
await database.preparing(async (adapter) => {
  const connect = adapter.connect.bind(adapter);
  adapter.connect = async () => {
    const connection = await connect();
    connection.executeScript = () => {
      process.kill(process.pid, 'SIGKILL');
      return new Promise(() => {});
    };
    return connection;
  };
  await applyMigrations(await openSchemaEngine(adapter));
});
