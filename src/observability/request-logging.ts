import { GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin, type YogaLogger } from 'graphql-yoga';
import { logger } from './logger.js';
import { type RequestInfo, requestIdFor } from './request-id.js';

const requests = new WeakMap<Request, RequestInfo>();
/** Masked errors, with what they mask, until the answer they are part of is known (and with it the request id). */
const masked = new WeakMap<GraphQLError, unknown>();

/** The answers of one request: a result, a batch of them, or (never here) a stream. */
function resultsOf(result: unknown): { errors?: readonly GraphQLError[] }[] {
  if (Array.isArray(result)) return result;
  return result && typeof result === 'object' && !(Symbol.asyncIterator in result) ? [result] : [];
}

/**
 * Gives each request an id (x-request-id, echoed on the response) that its log line and any
 * masked error carry, and logs one JSON line per request with the operation name. Kept by request
 * rather than in an AsyncLocalStorage, whose promise hooks cost every promise of every request.
 */
export const requestLogging: Plugin = {
  onRequest({ request }) {
    requests.set(request, { requestId: requestIdFor(request), startedAt: performance.now() });
  },
  onParams({ params, request }) {
    const info = requests.get(request);
    if (info && params?.operationName) info.operationName = params.operationName;
  },
  onResultProcess({ request, result }) {
    const requestId = requests.get(request)?.requestId;
    for (const one of resultsOf(result)) {
      for (const error of one.errors ?? []) {
        if (!masked.has(error)) continue;
        const original = masked.get(error);
        masked.delete(error);
        (error.extensions as { requestId?: string }).requestId = requestId;
        const unavailable = databaseUnavailable(original);
        if (unavailable) logger.error({ requestId, reason: unavailable }, 'database unavailable');
        else logger.error({ requestId, err: original }, 'unexpected error');
      }
    }
  },
  onResponse({ request, response }) {
    const info = requests.get(request);
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
  // Prisma's errors, then the driver's own (from the loaders that read through it).
  const unavailable =
    ['P1001', 'P1017', 'P2024'].includes(code ?? '') ||
    ['DatabaseNotReachable', 'ConnectionClosed'].includes(cause?.kind ?? '') ||
    /^(08|57P0)/.test(cause?.originalCode ?? '') ||
    /^(08|57P0|ECONNREFUSED|ECONNRESET|ETIMEDOUT)/.test(code ?? '') ||
    /^(Connection terminated|timeout exceeded when trying to connect)/.test(message);
  return unavailable ? message.trim().split('\n').pop() : undefined;
}

/** yoga's logger is pino, without yoga's second log of each error that maskError has logged already. */
export const yogaLogger: YogaLogger = {
  debug: (...args) => logger.debug(args.map(String).join(' ')),
  info: (...args) => logger.info(args.map(String).join(' ')),
  warn: (...args) => logger.warn(args.map(String).join(' ')),
  error: (...args) => {
    if (args[0] instanceof Error) return;
    logger.error(args.map(String).join(' '));
  },
};

/**
 * A GraphQLError thrown on purpose is expected and shown as it is; anything else is masked here and
 * logged, with its request id, once requestLogging sees the answer it is part of.
 */
export function maskError(error: unknown, message: string) {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (error instanceof GraphQLError && (!original || original instanceof GraphQLError)) return error;
  const maskedError = createGraphQLError(message, {
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: undefined },
    ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
  });
  masked.set(maskedError, original);
  return maskedError;
}
