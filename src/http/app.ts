import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import type { GraphQLError } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import type { ApiConfig } from '../config.js';
import { createReadClient } from '../data/client.js';
import { RevisionFeed } from '../data/revision-feed.js';
import { createContext, type DataLayer, type ReadSide, type Viewer } from '../graphql/context.js';
import { withCode } from '../graphql/errors.js';
import { negotiateLanguage } from '../graphql/language.js';
import { schema } from '../graphql/schema.js';
import { metrics } from '../observability/metrics.js';
import { maskError, requestLogging, yogaLogger } from '../observability/request-logging.js';
import { tracing } from '../observability/tracing.js';
import { authenticator, clientAddress, gatewayRequests } from './authentication.js';
import { compiledExecution } from './compiled-execution.js';
import { costLimits } from './cost-limits.js';
import { explorer } from './explorer.js';
import { compressedGraphiQL, exampleOperations } from './graphiql.js';
import { malformedRequests, sizeLimit, validPageArguments } from './guards.js';
import { httpCaching, publicCacheControl } from './http-caching.js';
import { replicaReads } from './read-replicas.js';
import { readiness } from './readiness.js';
import { responseCache } from './response-cache.js';
import { sourceText } from './source-text.js';
import { loadTrustedDocuments, useTrustedDocuments } from './trusted-documents.js';

/** Headers a GET must carry, so that a browser asks before sending one cross-site. */
const csrfHeaders = ['x-graphql-yoga-csrf', 'apollo-require-preflight'];

const readerLanguage = (request: Request) => negotiateLanguage(request.headers.get('accept-language'));

/** Answers depend on Accept-Language (LocalizedText.text), so caches must keep them apart by it. */
const varyByLanguage: Plugin = {
  onResponse({ response }) {
    response.headers.append('vary', 'Accept-Language');
  },
};

/**
 * The GraphQL API over `data`: yoga and its plugins, in the order they must run; with the feed its subscriptions
 * read (its own unless `data` brings one) and the trusted documents, which the WebSocket server needs too.
 */
export function createApp(config: ApiConfig, dataLayer: DataLayer) {
  const { limits } = config;
  const feed = dataLayer.feed ?? new RevisionFeed(dataLayer.database, { buffer: config.feedBuffer });
  const reads = { db: createReadClient(dataLayer.database, dataLayer.db), database: dataLayer.database.forReads() };
  const data: DataLayer & { reads: ReadSide } = { ...dataLayer, feed, reads };
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
  const viewerOf = authenticator(config.auth, data.database);
  // The response cache's key and the context both need the viewer: the token is looked up once a request.
  const viewers = new WeakMap<Request, Promise<Viewer>>();
  const viewerFor = (request: Request, authorization: string, req?: IncomingMessage) => {
    let viewer = viewers.get(request);
    if (!viewer) {
      viewer = viewerOf(authorization, clientAddress(request, req, config.auth.trustProxy));
      viewers.set(request, viewer);
    }
    return viewer;
  };
  // Answers differ by the reader's language and what the caller's scopes let it read, never by who it is.
  const readerSession = (request: Request, context?: { req?: IncomingMessage }) => {
    const authorization = request.headers.get('authorization');
    if (authorization === null) return readerLanguage(request);
    return viewerFor(request, authorization, context?.req).then(
      (viewer) => `${readerLanguage(request)}|${[...viewer.scopes].sort().join(',')}`,
      // Refused: never answered from the cache, so that the refusal is what it gets.
      () => `refused|${randomUUID()}`,
    );
  };
  const cache =
    config.responseCacheTtlMs > 0
      ? responseCache(config.responseCacheTtlMs, config.redis, feed, dataLayer.database, readerSession, {
          cacheControl: publicCacheControl(config.httpCache),
          documents: trustedDocuments,
          csrfHeaders,
        })
      : undefined;
  data.committed = cache?.committed;
  const yoga = createYoga<{ req?: IncomingMessage }>({
    schema,
    context: ({ request, req }) => {
      const authorization = request.headers.get('authorization');
      if (authorization === null) return createContext(data, limits, readerLanguage(request));
      return viewerFor(request, authorization, req).then((viewer) =>
        createContext(data, limits, readerLanguage(request), viewer),
      );
    },
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    maskedErrors: { maskError: (error, message) => withCode(maskError(error, message)) },
    logging: yogaLogger,
    batching: { limit: limits.batch },
    // sizeLimit refuses a declared length over the limit and the listener refuses bodies of unknown length, so
    // yoga's own limit, which streams every body through a counting transform, has nothing left to catch.
    maxRequestBodySize: false,
    cors: config.corsOrigins.length ? { origin: config.corsOrigins, methods: ['GET', 'POST'] } : false,
    // GraphiQL's page is megabytes of script: loaded when first asked for, never in production.
    renderGraphiQL: async (options) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    graphiql: config.production
      ? false
      : {
          title: 'Xiangyang agreement knowledge graph',
          // LocalizedText.text answers in the language asked for here; edit it to read in another.
          headers: JSON.stringify({ 'Accept-Language': 'zh-TW, en;q=0.8' }, null, 2),
          // Subscriptions stream over GET (SSE), which the CSRF check lets through only with this header.
          additionalHeaders: { 'x-graphql-yoga-csrf': 'graphiql' },
          defaultQuery: defaultOperation?.query,
          // GraphiQL ignores defaultQuery once tabs are given, so the default operation opens the tab list.
          defaultTabs: [defaultOperation, ...rest].flatMap((operation) =>
            operation ? [{ query: operation.query, variables: operation.variables, headers: operation.headers }] : [],
          ),
        },
    plugins: [
      requestLogging,
      explorer(),
      sourceText(reads.db),
      varyByLanguage,
      httpCaching(config.httpCache),
      ...(config.production ? [] : [compressedGraphiQL()]),
      sizeLimit(limits.bodyBytes),
      validPageArguments,
      useCSRFPrevention({ requestHeaders: csrfHeaders }),
      ...(config.introspection ? [] : [useDisableIntrospection()]),
      ...armor.plugins,
      // After armor, so that its token-counting parser is the one guarded against deep nesting.
      malformedRequests,
      costLimits(),
      replicaReads,
      compiledExecution(schema),
      // A federation gateway plans its own documents (_entities among them): its token lets them through.
      useTrustedDocuments(trustedDocuments, config.trustedDocumentsOnly, gatewayRequests(config.auth)),
      // Operation names label metrics only where trusted documents fix them; a gateway's come from its clients.
      ...metrics(config.trustedDocumentsOnly && !config.auth.gatewayToken, data.database, cache?.health),
      ...tracing(config.otlpEndpoint),
      readiness(data.db, data.database),
      // Last, so that a cached answer has passed every check a fresh one would.
      ...(cache?.plugins ?? []),
      { onDispose: () => feed.close() },
    ],
  });
  return Object.assign(yoga, { feed, trustedDocuments, cache });
}

export type App = ReturnType<typeof createApp>;
