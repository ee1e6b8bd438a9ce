import fs from 'node:fs';
import path from 'node:path';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { projectRoot } from './config.js';
import { createContext } from './context.js';
import { db } from './db.js';
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

const readinessTimeoutMs = 1500;

/** Whether the database answers a trivial query through the app's own pool within the timeout. */
async function databaseAnswers(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(resolve, readinessTimeoutMs, false);
  });
  const answer = db.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Answers /ready with 200 only while the database answers. */
const readiness: Plugin = {
  async onRequest({ url, endResponse, fetchAPI }) {
    if (url.pathname !== '/ready') return;
    const ok = await databaseAnswers();
    endResponse(new fetchAPI.Response(ok ? 'ready' : 'database unavailable', { status: ok ? 200 : 503 }));
  },
};

export function createApp() {
  const operations = exampleOperations();
  const defaultOperation = operations.find((operation) => operation.name === 'AgreementTree');
  const rest = operations.filter((operation) => operation !== defaultOperation);
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
    plugins: [readiness],
  });
}
