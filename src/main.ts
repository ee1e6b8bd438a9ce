import { createServer, type ServerResponse } from 'node:http';
import { runCli } from './cli.js';
import { ConfigError, readApiConfig, readConfig } from './config.js';
import { openDatabase } from './data/database.js';
import { logger } from './observability/logger.js';

await runCli(async () => {
  const config = readConfig();
  const api = readApiConfig();
  const database = openDatabase(config.database);
  // Loaded while the database opens (the embedded one compiles its WebAssembly off the main thread).
  const [{ createClient }, { prepareDatabase }, { createApp }, { serveWebSocket }] = await Promise.all([
    import('./data/client.js'),
    import('./data/prepare.js'),
    import('./http/app.js'),
    import('./http/websocket.js'),
  ]);
  const db = createClient(database);
  const seeded: string[] = [];
  const seed = async () => {
    const { seedDocuments } = await import('./seed/write.js');
    for (const summary of await seedDocuments(db)) seeded.push(summary.document);
  };
  const { released, applied } = await prepareDatabase(database, { db, seed });
  if (database.fromTemplate)
    logger.info(
      `Made the embedded database ${database.config.kind === 'embedded' ? database.config.dataDir : ''} from the install's template, migrated and seeded by npm run build`,
    );
  if (released.length)
    logger.warn({ migrations: released }, `Cut off before they finished, so applied again: ${released.join(', ')}`);
  if (applied.length) logger.info({ migrations: applied }, `Applied migrations: ${applied.join(', ')}`);
  if (seeded.length) logger.info({ documents: seeded }, `Seeded the documents of data/articles/: ${seeded.join(', ')}`);
  if (database.replicas.length) {
    const { replicasHealth } = await import('./data/health.js');
    for (const replica of await replicasHealth(database))
      if (replica.answers) logger.info({ replica: replica.name }, `Queries read from the replica ${replica.name}`);
      else
        logger.warn(
          { replica: replica.name },
          `The replica ${replica.name} does not answer: its reads go to the primary`,
        );
  }
  const app = createApp(api, { db, database });
  // Requests whose client has gone still run to their end; the database must outlive them.
  const handling = new Set<Promise<unknown>>();
  // Bodies of unknown length (chunked) cannot be held to the size limit before they are read.
  const server = createServer((req, res) => {
    if (req.headers['transfer-encoding'] && req.headers['content-length'] === undefined) {
      res.writeHead(411, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [
            { message: 'Send a Content-Length with the request body.', extensions: { code: 'LENGTH_REQUIRED' } },
          ],
        }),
      );
      return;
    }
    const handled = Promise.resolve(app(req, res)).finally(() => handling.delete(handled));
    handling.add(handled);
  });
  const webSocket = serveWebSocket(server, app, api);

  let stopping = false;
  // Once stopping, every answer closes its connection, so keep-alive clients cannot hold the shutdown open.
  const open = new Set<ServerResponse>();
  server.prependListener('request', (_request, response: ServerResponse) => {
    if (stopping) return void response.setHeader('connection', 'close');
    open.add(response);
    response.once('close', () => open.delete(response));
  });
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${signal}: finishing in-flight requests`);
    for (const response of open) if (!response.headersSent) response.setHeader('connection', 'close');
    // Connections that go idle after an answer already on its way are closed too; and the whole is bounded.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    // Subscriptions never finish by themselves: each stream is completed, then the WebSockets are closed (1001).
    const streams = app.feed.close().then(() => webSocket.close());
    setTimeout(() => server.closeAllConnections(), 10_000).unref();
    server.close(async () => {
      clearInterval(sweep);
      await streams;
      await Promise.race([Promise.allSettled(handling), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      await app.dispose();
      await db.$disconnect();
      await database.close();
      process.exit(0);
    });
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
  logger.info({ port: config.port }, `GraphQL API and GraphiQL at http://localhost:${config.port}/graphql`);
});
