import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';

/** Every `extensions.code` an error of this API carries, with what it tells a client. */
export const errorCodes = {
  BAD_USER_INPUT:
    'An argument or variable is wrong: a malformed ID or cursor, a cursor of another list, a negative page size, first with last, a required variable missing or of the wrong type.',
  BAD_REQUEST: 'The HTTP request is not one a GraphQL server can read: parameters that are not JSON, a missing query.',
  GRAPHQL_PARSE_FAILED: 'The document is not GraphQL, or is nested too deeply to parse.',
  GRAPHQL_VALIDATION_FAILED: 'The document asks for something the schema does not have, or asks for it wrongly.',
  OPERATION_RESOLUTION_FAILURE:
    'The document holds several operations and operationName names none of them, or none was named.',
  QUERY_TOO_COSTLY: 'The operation would read more items than MAX_COST allows: ask for smaller pages.',
  QUERY_TOO_DEEP: 'The operation nests fields deeper than MAX_DEPTH allows.',
  TOO_MANY_ALIASES: 'The operation uses more aliases than MAX_ALIASES allows.',
  TOO_MANY_TOKENS: 'The document is longer than MAX_TOKENS allows.',
  TOO_MANY_DIRECTIVES: 'The operation uses more directives than MAX_DIRECTIVES allows.',
  PERSISTED_QUERY_NOT_FOUND: 'The hash names no registered operation (TRUSTED_DOCUMENTS_ONLY).',
  PERSISTED_QUERY_ONLY: 'Only registered operations are accepted: send the hash of one (TRUSTED_DOCUMENTS_ONLY).',
  CSRF_HEADER_REQUIRED:
    'A GET request, or a POST a browser could send cross-site, needs the x-graphql-yoga-csrf header (any value).',
  METHOD_NOT_ALLOWED: 'GraphQL is served over GET and POST only, and mutations over POST only.',
  NOT_ACCEPTABLE: 'The Accept header allows no type the server answers with (JSON, GraphQL response JSON, SSE).',
  UNSUPPORTED_MEDIA_TYPE: 'The body is of a content type the server does not read: send application/json.',
  REQUEST_TOO_LARGE: 'The body or URL is over MAX_BODY_BYTES, or a batch holds more than MAX_BATCH operations.',
  LENGTH_REQUIRED: 'A request body needs a Content-Length.',
  UNAUTHENTICATED:
    'The operation writes and no valid bearer token was sent, or the token sent is unknown, revoked or expired (HTTP 401).',
  FORBIDDEN:
    'The token is valid but lacks the scope the field needs: CURATE to change the graph, ADMIN for API keys (HTTP 403).',
  TOO_MANY_FAILED_AUTHENTICATIONS:
    'This client address sent too many invalid tokens in the last minute; wait a minute before trying again (HTTP 429).',
  SUBSCRIBER_TOO_SLOW:
    'A subscription fell more than FEED_BUFFER revisions behind and was ended: subscribe again with after set to the last revision id received.',
  INTERNAL_SERVER_ERROR: 'The server failed; the error’s requestId finds the cause in the server’s log.',
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** An error the client can fix by changing an argument or variable. */
export function userInputError(message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } });
}

/** The refusal of a field the viewer may not use: UNAUTHENTICATED without a token, FORBIDDEN with too few scopes. */
export function refused(authenticated: boolean) {
  return authenticated
    ? new GraphQLError('This needs a token with more scopes: CURATE to change the graph, ADMIN for API keys.', {
        extensions: { code: 'FORBIDDEN', http: { status: 403 } },
      })
    : new GraphQLError('This needs Authorization: Bearer <token>: an API key or the operator’s token.', {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'www-authenticate': 'Bearer' } } },
      });
}

const byStatus: Record<number, ErrorCode> = {
  403: 'CSRF_HEADER_REQUIRED',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'REQUEST_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * The code of an error that the libraries raise without one: graphql-js' variable and operation
 * errors (known by their wording, as graphql-js gives them no other mark), Pothos' argument checks,
 * and yoga's refusals of an HTTP request (known by their status).
 */
export function codeFor(error: GraphQLError): ErrorCode {
  const { message } = error;
  if (/^Variable "\$/.test(message)) return 'BAD_USER_INPUT';
  if (/^(Must provide operation name|Unknown operation named|Must provide an operation)/.test(message))
    return 'OPERATION_RESOLUTION_FAILURE';
  if (error instanceof PothosValidationError || error.originalError instanceof PothosValidationError)
    return 'BAD_USER_INPUT';
  const status = (error.extensions.http as { status?: number } | undefined)?.status;
  if (status !== undefined) return byStatus[status] ?? 'BAD_REQUEST';
  if (error.path === undefined) return 'BAD_REQUEST';
  return 'INTERNAL_SERVER_ERROR';
}

/** Gives an error the code `codeFor` finds for it, unless it has one. */
export function withCode(error: GraphQLError): GraphQLError {
  if (typeof error.extensions.code !== 'string') (error.extensions as Record<string, unknown>).code = codeFor(error);
  return error;
}
