import { createServer } from 'node:http';
import { runCli } from './cli.js';
import { ConfigError, readConfig } from './config.js';

await runCli(async () => {
  const config = readConfig();
  const { database, db } = await import('./db.js');
  const { prepareDatabase } = await import('./prepare.js');
  const { applied, seeded } = await prepareDatabase(database, db);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  if (seeded) console.log('Seeded the article graph.');
  const { createApp } = await import('./yoga.js');
  const server = createServer(createApp());

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight requests`);
    server.close(async () => {
      await db.$disconnect();
      await database.close();
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new ConfigError(`PORT ${config.port} is already in use: stop the other server or set PORT to a free port.`)
          : error,
      ),
    );
    server.listen(config.port, () => resolve());
  });
  console.log(`GraphQL API and GraphiQL at http://localhost:${config.port}/graphql`);
});
