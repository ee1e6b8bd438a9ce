import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { loadPage, type PageArgs, type PageSource, pageSizes } from '../page-loader.js';
import { nodeColumns } from '../selected-columns.js';

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many items the whole list holds, across all pages.',
    resolve: (connection) =>
      typeof connection.totalCount === 'function' ? connection.totalCount() : connection.totalCount,
  }),
);

/**
 * Resolves a connection of a parent's items page by page through the request's batched page loaders,
 * reading the columns the selected fields of the items need.
 */
export function pageOf<Node>(source: PageSource) {
  const model = source.node?.table ?? source.table;
  return (parent: { id: number }, args: PageArgs, ctx: Context, info: GraphQLResolveInfo) =>
    loadPage<Node>(ctx.pages, source, nodeColumns(info, model), parent.id, args, pageSizes);
}
