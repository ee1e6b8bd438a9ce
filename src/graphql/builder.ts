import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DirectivesPlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { pageSizes } from '../config.js';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import { fieldComplexity } from './complexity.js';
import type { Context } from './context.js';
import { refused } from './errors.js';
import { decodeNodeId } from './node-id.js';
import { nodesByDriver } from './shared/nodes.js';

export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: Context;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: { list: false; items: true };
  DefaultNodeNullability: false;
  Connection: { totalCount: number | (() => number | Promise<number>) };
  AuthScopes: { curate: boolean; admin: boolean };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  // Prisma and Relay first, as before scopes existed: with scope-auth ahead of them, Q3's peak memory at 50
  // connections reached 760–850 MB in half the readings (490–550 MB this way). A relation of a scoped type
  // may then load before its check refuses the field; nothing of it is returned.
  // Federation last, after the plugins that wrap resolvers, as its documentation asks.
  plugins: [
    PrismaPlugin,
    RelayPlugin,
    ScopeAuthPlugin,
    ComplexityPlugin,
    ErrorsPlugin,
    DirectivesPlugin,
    FederationPlugin,
  ],
  scopeAuth: {
    authScopes: ({ viewer }) => ({
      curate: viewer?.scopes.has('CURATE') === true || viewer?.scopes.has('ADMIN') === true,
      admin: viewer?.scopes.has('ADMIN') === true,
    }),
    unauthorizedError: (_parent, { viewer }) => refused(viewer !== null),
  },
  errors: { directResult: true },
  // Fields carry their cost; costLimits (a yoga plugin) measures each operation once and refuses it.
  complexity: { fieldComplexity, disabled: true },
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: { list: false, items: true }, description: 'The items on this page.' },
    decodeGlobalID: decodeNodeId,
    nodeTypeOptions: { description: 'An entity with a global ID that node(id) and nodes(ids) resolve.' },
    idFieldOptions: { description: 'Global ID: pass it to node(id), nodes(ids) or any ID argument.' },
    pageInfoTypeOptions: { description: 'Where this page sits in the whole list (Relay cursor connections).' },
    pageInfoFieldOptions: { description: 'How to fetch the pages before and after this one.' },
    hasNextPageFieldOptions: { description: 'True when items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'True when items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item on this page; pass it as `before`.' },
    endCursorFieldOptions: { description: 'Cursor of the last item on this page; pass it as `after`.' },
    cursorFieldOptions: { description: 'Opaque cursor of this item, for `after`/`before`.' },
    nodeFieldOptions: { description: 'The item.' },
    defaultConnectionTypeOptions: { description: 'A page of a list, with its total size and paging information.' },
    defaultEdgeTypeOptions: { description: 'An item on a page, with its cursor.' },
    nodeQueryOptions: {
      description: 'Any entity by its global ID; null when no such entity exists.',
      resolve: async (_root, { id }, ctx, info, resolveNode) =>
        (await nodesByDriver(ctx, info, [id], async () => [await resolveNode(id)]))[0],
    },
    nodesQueryOptions: {
      description: 'Entities by global ID, in the order asked; null for each that does not exist.',
      resolve: (_root, { ids }, ctx, info, resolveNodes) => nodesByDriver(ctx, info, ids, () => resolveNodes(ids)),
    },
  },
  prisma: {
    client: (context) => context.db,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    defaultConnectionSize: pageSizes.defaultSize,
    maxConnectionSize: pageSizes.maxSize,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
});
