import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.js';
import { withListCursors } from './cursors.js';
import './shared/connections.js';
import './shared/enums.js';
import './shared/localized-text.js';
import './shared/result-errors.js';
import './shared/scalars.js';
import './types/source-document.js';
import './types/party.js';
import './types/official.js';
import './types/agreement.js';
import './types/commitment.js';
import './types/industry.js';
import './types/related-report.js';
import './types/search.js';
import './types/revision.js';
import './types/api-key.js';

builder.queryType({
  description: 'The knowledge graph of the 2012 Xiangyang–Hubei quality supervision agreement.',
});

builder.mutationType({
  description:
    'Writes need `Authorization: Bearer <token>`: a token minted by createApiKey, the operator’s ADMIN_TOKEN, or a JWT of the configured issuer. Without one a mutation is refused with extensions.code UNAUTHENTICATED (HTTP 401); with too few scopes, FORBIDDEN (403). Every successful mutation writes one or more Revisions in the same transaction as its change.',
});

builder.subscriptionType({
  description:
    'Live results over server-sent events (GraphQL over SSE, as graphql-yoga serves it) or WebSocket (graphql-ws), at the GraphQL endpoint.',
});

export const schema = withListCursors(lexicographicSortSchema(builder.toSchema()));

/** The SDL as committed in schema/schema.graphql. */
export function printedSchema(): string {
  return `${printSchema(schema)}\n`;
}
