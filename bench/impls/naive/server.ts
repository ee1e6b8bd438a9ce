import fs from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSchema, createYoga } from 'graphql-yoga';
import { pool } from './db.js';
import { resolvers } from './resolvers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const typeDefs = fs.readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8');

const yoga = createYoga({
  schema: createSchema({ typeDefs, resolvers }),
  graphqlEndpoint: '/graphql',
  graphiql: false,
  landingPage: false,
  logging: false,
});

const server = createServer(yoga);
server.listen(Number(process.env.PORT ?? 4000));

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => pool.end().then(() => process.exit(0))));
}
