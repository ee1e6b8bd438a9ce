import type { Server } from 'node:http';
import { type ExecutionArgs, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { ApiConfig } from '../config.js';
import type { App } from './app.js';

type Enveloped = ReturnType<App['getEnveloped']>;
const enveloped = new WeakMap<object, Enveloped>();

const refusal = (message: string, code: string) => [new GraphQLError(message, { extensions: { code } })];

/** The hash a client sends in the payload: `documentId` (trusted documents) or Apollo's `persistedQuery.sha256Hash`. */
function documentIdOf(payload: { extensions?: Record<string, unknown> | null }): string | null {
  const extensions = payload.extensions ?? {};
  const persisted = (extensions.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
  const id = extensions.documentId ?? persisted;
  return typeof id === 'string' ? id.replace(/^sha256:/, '') : null;
}

/**
 * GraphQL over WebSocket (graphql-ws, as Apollo Client and urql speak it) at the GraphQL endpoint, run through the
 * same plugins as HTTP: limits, scopes (the token in connectionParams.authorization or the upgrade request's
 * Authorization header), error masking, and in production trusted documents only (the hash in
 * extensions.documentId or extensions.persistedQuery.sha256Hash).
 */
export function serveWebSocket(server: Server, app: App, config: ApiConfig) {
  const sockets = new WebSocketServer({ server, path: app.graphqlEndpoint, maxPayload: config.limits.bodyBytes });
  const served = useServer<Record<string, unknown> | undefined>(
    {
      onSubscribe: async (ctx, _id, payload) => {
        const documentId = documentIdOf(payload);
        let query = payload.query;
        if (documentId !== null) {
          const trusted = app.trustedDocuments.get(documentId);
          if (!trusted)
            return refusal(
              'This operation is not registered: send the documentId of a trusted document.',
              'PERSISTED_QUERY_NOT_FOUND',
            );
          query = trusted;
        } else if (config.trustedDocumentsOnly)
          return refusal(
            'Only registered operations are accepted here: send a documentId instead of a query.',
            'PERSISTED_QUERY_ONLY',
          );
        const headers = new Headers();
        for (const [name, value] of Object.entries(ctx.extra.request.headers))
          if (typeof value === 'string') headers.set(name, value);
        const authorization = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        if (typeof authorization === 'string') headers.set('authorization', authorization);
        const request = new Request(`http://localhost${app.graphqlEndpoint}`, { headers });
        const params = { query, variables: payload.variables ?? undefined, operationName: payload.operationName };
        const envelop = app.getEnveloped({ request, req: ctx.extra.request, params });
        let document: ReturnType<Enveloped['parse']>;
        try {
          document = envelop.parse(query);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('The document is not GraphQL.')];
        }
        const errors = envelop.validate(envelop.schema, document);
        if (errors.length) return errors;
        const args: ExecutionArgs = {
          schema: envelop.schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue: undefined,
        };
        try {
          args.contextValue = await envelop.contextFactory();
        } catch (error) {
          // A token refused (401, 429) is the client's to see, as over HTTP.
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        enveloped.set(args, envelop);
        return args;
      },
      execute: (args) => (enveloped.get(args) as Enveloped).execute(args),
      subscribe: (args) => (enveloped.get(args) as Enveloped).subscribe(args),
    },
    sockets,
  );
  return {
    /** Closes every socket (1001, going away) and stops accepting new ones. */
    close: () => served.dispose(),
  };
}
