import fs from 'node:fs';
import path from 'node:path';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphQLError } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { compiledExecution } from './compiled-execution.js';
import { costLimits } from './complexity.js';
import { type ApiConfig, projectRoot, readApiConfig } from './config.js';
import { createContext } from './context.js';
import { db } from './db.js';
import { maskError, metrics, requestLogging, yogaLogger } from './observability.js';
import { malformedRequests, validCursors } from './request-guards.js';
import { schema } from './schema/index.js';
import { tracing } from './tracing.js';
import { loadTrustedDocuments, useTrustedDocuments } from './trusted-documents.js';

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

/** Refuses bodies and URLs over the size limit before reading them (the listener refuses bodies of unknown length). */
function sizeLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const refuse = (status: number, message: string) =>
        endResponse(
          fetchAPI.Response.json({ errors: [{ message, extensions: { code: 'REQUEST_TOO_LARGE' } }] }, { status }),
        );
      if (request.url.length > maxBytes) return refuse(414, `The URL is over the limit of ${maxBytes} bytes.`);
      const length = request.headers.get('content-length');
      if (request.method !== 'POST' || length === null) return;
      if (Number(length) > maxBytes) return refuse(413, `The request body is over the limit of ${maxBytes} bytes.`);
    },
  };
}

export function createApp(config: ApiConfig = readApiConfig()) {
  const { limits } = config;
  const rejected = (code: string) => ({
    onReject: [
      (_ctx: unknown, error: GraphQLError) => Object.assign(error.extensions, { code, http: { status: 400 } }),
    ],
  });
  const armor = new EnvelopArmor({
    maxAliases: { n: limits.aliases, ...rejected('TOO_MANY_ALIASES') },
    maxTokens: { n: limits.tokens, ...rejected('TOO_MANY_TOKENS') },
    maxDirectives: { n: limits.directives, ...rejected('TOO_MANY_DIRECTIVES') },
    maxDepth: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !config.suggestions },
  }).protect();
  const trustedDocuments = loadTrustedDocuments(config.trustedDocumentsFile, config.trustedDocumentsOnly);
  const operations = exampleOperations();
  const defaultOperation = operations.find((operation) => operation.name === 'AgreementTree');
  const rest = operations.filter((operation) => operation !== defaultOperation);
  return createYoga({
    schema,
    context: () => createContext(limits),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    maskedErrors: { maskError },
    logging: yogaLogger,
    batching: { limit: limits.batch },
    // sizeLimit refuses a declared length over the limit and the listener refuses bodies of unknown length, so
    // yoga's own limit, which streams every body through a counting transform, has nothing left to catch.
    maxRequestBodySize: false,
    cors: config.corsOrigins.length ? { origin: config.corsOrigins, methods: ['GET', 'POST'] } : false,
    renderGraphiQL,
    graphiql: config.production
      ? false
      : {
          title: 'Xiangyang agreement knowledge graph',
          defaultQuery: defaultOperation?.query,
          // GraphiQL ignores defaultQuery once tabs are given, so the default operation opens the tab list.
          defaultTabs: [defaultOperation, ...rest].flatMap((operation) =>
            operation ? [{ query: operation.query }] : [],
          ),
        },
    plugins: [
      requestLogging,
      sizeLimit(limits.bodyBytes),
      validCursors,
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'apollo-require-preflight'] }),
      ...(config.introspection ? [] : [useDisableIntrospection()]),
      ...armor.plugins,
      // After armor, so that its token-counting parser is the one guarded against deep nesting.
      malformedRequests,
      costLimits(),
      compiledExecution(schema),
      useTrustedDocuments(trustedDocuments, config.trustedDocumentsOnly),
      metrics(config.trustedDocumentsOnly),
      ...tracing(config.otlpEndpoint),
      readiness,
      // Last, so that a cached answer has passed every check a fresh one would.
      ...(config.responseCacheTtlMs > 0
        ? [useResponseCache({ session: () => null, ttl: config.responseCacheTtlMs })]
        : []),
    ],
  });
}
