import { printSubgraphSchema } from '@apollo/subgraph';
import { type GraphQLUnionType, printSchema } from 'graphql';
import { builder } from './builder.js';
import { withListCursors } from './cursors.js';
import { userInputError } from './errors.js';
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

// The subgraph schema (sorted, as printed): the API plus federation's _service, _entities and their types.
export const schema = withListCursors(
  builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' }),
);

const { _entities, _service } = schema.getQueryType()?.getFields() ?? {};
if (_entities?.resolve) {
  // Apollo's resolver takes each representation as it comes: anything malformed would be an internal error.
  const resolve = _entities.resolve;
  const entities = new Set((schema.getType('_Entity') as GraphQLUnionType).getTypes().map((type) => type.name));
  _entities.resolve = (source, args, ctx, info) => {
    for (const [i, representation] of (args.representations as unknown[]).entries()) {
      const { __typename, id } = (representation ?? {}) as { __typename?: unknown; id?: unknown };
      if (typeof __typename !== 'string' || !entities.has(__typename) || typeof id !== 'string')
        throw userInputError(
          `representations[${i}] must be { "__typename": <an entity type of this subgraph>, "id": <its global ID> }.`,
        );
    }
    return resolve(source, args, ctx, info);
  };
}
if (_entities && _service) {
  _entities.description =
    'For a federation gateway: the entities that representations ({ __typename, id }) name, in their order; null for each that does not exist. The references of one type load in one statement.';
  _service.description = "For a federation gateway: this subgraph's SDL, as schema/subgraph.graphql holds it.";
}
const federationTypes = {
  _Any: 'A representation of an entity for _entities: { "__typename": "Agreement", "id": "<global ID>" }.',
  _Entity: 'Every type another subgraph may refer to by its key, the global ID.',
  _Service: "This subgraph's description for a federation gateway.",
};
for (const [name, description] of Object.entries(federationTypes)) {
  const type = schema.getType(name);
  if (type) type.description = description;
}

/** The SDL as committed in schema/schema.graphql. */
export function printedSchema(): string {
  return `${printSchema(schema)}\n`;
}

/** The subgraph SDL, with federation's directives, as committed in schema/subgraph.graphql for composition. */
export function printedSubgraph(): string {
  return `${printSubgraphSchema(schema)}\n`;
}
