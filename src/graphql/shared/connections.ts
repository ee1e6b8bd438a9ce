import type { GraphQLResolveInfo } from 'graphql';
import { pageSizes } from '../../config.js';
import {
  loadPage,
  type PageArgs,
  type PageSource,
  type PrismaPageQuery,
  readPage,
  readsColumnsOnly,
} from '../../data/page-loader.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
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

/**
 * A top-level page in `orderBy` order: read through the driver when the nodes need only their own
 * columns (those their selected fields read), otherwise by `findMany`, given the same order for
 * Prisma, so that relations load alongside.
 */
export function topLevelPage<Row, Column extends string>(
  query: PrismaPageQuery,
  ctx: Context,
  info: GraphQLResolveInfo,
  table: string,
  orderBy: readonly Column[],
  findMany: (orderBy: Record<Column, 'asc'>[]) => Promise<Row[]>,
  where: Record<string, unknown> = {},
): Promise<Row[]> {
  return readsColumnsOnly(query)
    ? readPage<Row>(ctx.database, table, orderBy, query, nodeColumns(info, table), where)
    : findMany(orderBy.map((column) => ({ [column]: 'asc' }) as Record<Column, 'asc'>));
}
