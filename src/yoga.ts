import fs from 'node:fs';
import path from 'node:path';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { projectRoot } from './config.js';
import { createContext } from './context.js';
import type { Database } from './database.js';
import { schema } from './schema/index.js';

const operationsDir = path.join(projectRoot, 'schema', 'operations');

function exampleOperations() {
  return fs
    .readdirSync(operationsDir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => ({
      name: file.replace(/\.graphql$/, ''),
      query: fs.readFileSync(path.join(operationsDir, file), 'utf8'),
    }));
}

/** Answers /ready with 200 only while the database answers. */
function readiness(database: Database): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/ready') return;
      const ok = await Promise.race([
        database.ping().then(
          () => true,
          () => false,
        ),
        new Promise<boolean>((resolve) => setTimeout(resolve, 1500, false)),
      ]);
      endResponse(new fetchAPI.Response(ok ? 'ready' : 'database unavailable', { status: ok ? 200 : 503 }));
    },
  };
}

export function createApp(database: Database) {
  const [defaultOperation, ...rest] = exampleOperations().sort((a) => (a.name === 'AgreementTree' ? -1 : 1));
  return createYoga({
    schema,
    context: createContext,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    maskedErrors: true,
    renderGraphiQL,
    graphiql: {
      title: 'Xiangyang agreement knowledge graph',
      defaultQuery: defaultOperation?.query,
      // GraphiQL ignores defaultQuery once tabs are given, so the default operation opens the tab list.
      defaultTabs: [defaultOperation, ...rest].flatMap((operation) => (operation ? [{ query: operation.query }] : [])),
    },
    plugins: [readiness(database)],
  });
}
