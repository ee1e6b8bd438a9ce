import fs from 'node:fs';
import path from 'node:path';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError } from 'graphql';
import { createGraphQLError, createYoga, type Plugin, type YogaLogger } from 'graphql-yoga';
import { Gauge, Registry } from 'prom-client';
import { type ApiConfig, projectRoot, readApiConfig } from './config.js';
import { createContext } from './context.js';
import { database, db } from './db.js';
import { logger } from './logger.js';
import { requestIdFor, requestInfo } from './request-context.js';
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

/**
 * Gives each request an id (x-request-id, echoed on the response) that its log line and any
 * masked error carry, and logs one JSON line per request with the operation name.
 */
const requestLogging: Plugin = {
  onRequest({ request }) {
    requestInfo.enterWith({ requestId: requestIdFor(request), startedAt: performance.now() });
  },
  onParams({ params }) {
    const info = requestInfo.getStore();
    if (info && params?.operationName) info.operationName = params.operationName;
  },
  onResponse({ request, response }) {
    const info = requestInfo.getStore();
    if (!info) return;
    response.headers.set('x-request-id', info.requestId);
    logger.info(
      {
        requestId: info.requestId,
        operationName: info.operationName,
        method: request.method,
        path: new URL(request.url).pathname,
        status: response.status,
        durationMs: Math.round(performance.now() - info.startedAt),
      },
      'request',
    );
  },
};

interface DatabaseFailure {
  code?: string;
  message?: string;
  meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } };
}

/**
 * The reason, when an error only says the database cannot answer now (unreachable, connection lost,
 * shutting down or starting up): an outage is logged as one line per request, not a stack trace each.
 */
function databaseUnavailable(error: unknown): string | undefined {
  const { code, message = '', meta } = (error ?? {}) as DatabaseFailure;
  const cause = meta?.driverAdapterError?.cause;
  const unavailable =
    ['P1001', 'P1017', 'P2024'].includes(code ?? '') ||
    ['DatabaseNotReachable', 'ConnectionClosed'].includes(cause?.kind ?? '') ||
    /^(08|57P0)/.test(cause?.originalCode ?? '') ||
    /^Connection terminated/.test(message);
  return unavailable ? message.trim().split('\n').pop() : undefined;
}

/** yoga's logger is pino, without yoga's second log of each error that maskError has logged already. */
const yogaLogger: YogaLogger = {
  debug: (...args) => logger.debug(args.map(String).join(' ')),
  info: (...args) => logger.info(args.map(String).join(' ')),
  warn: (...args) => logger.warn(args.map(String).join(' ')),
  error: (...args) => {
    if (args[0] instanceof Error) return;
    logger.error(args.map(String).join(' '));
  },
};

/** A GraphQLError thrown on purpose is expected and shown as it is; anything else is logged and masked. */
function maskError(error: unknown, message: string) {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (error instanceof GraphQLError && (!original || original instanceof GraphQLError)) return error;
  const requestId = requestInfo.getStore()?.requestId;
  const unavailable = databaseUnavailable(original);
  if (unavailable) logger.error({ requestId, reason: unavailable }, 'database unavailable');
  else logger.error({ requestId, err: original }, 'unexpected error');
  return createGraphQLError(message, {
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
    ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
  });
}

// Labels stay bounded: no URL, and operation names only where trusted documents fix them.
function metrics(operationNames: boolean): Plugin {
  const registry = new Registry();
  new Gauge({
    name: 'db_pool_connections',
    help: 'Connections of the PostgreSQL pool, by state (absent for the embedded database).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const use = database.poolUse();
      if (!use) return;
      this.set({ state: 'total' }, use.total);
      this.set({ state: 'idle' }, use.idle);
      this.set({ state: 'waiting' }, use.waiting);
    },
  });
  return usePrometheus({
    endpoint: '/metrics',
    registry,
    labels: { url: false, operationName: operationNames },
    metrics: {
      graphql_yoga_http_duration: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_request: true,
      graphql_envelop_error_result: true,
    },
  });
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
      useTrustedDocuments(trustedDocuments, config.trustedDocumentsOnly),
      metrics(config.trustedDocumentsOnly),
      ...tracing(config.otlpEndpoint),
      readiness,
    ],
  });
}
