import type { GraphQLResolveInfo } from 'graphql';
import { pageSizes } from '../../config.js';
import { loadPage, type PageArgs, type PrismaPageQuery, readPage, readsColumnsOnly } from '../../data/page-loader.js';
import { hierarchyOf, nodeModelOf, type PageOptions, pageSource } from '../../data/relations.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { nodeColumns, selectsTotalCount } from '../selected-columns.js';

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many items the whole list holds, across all pages.',
    resolve: (connection) =>
      typeof connection.totalCount === 'function' ? connection.totalCount() : connection.totalCount,
  }),
);

/**
 * Resolves a connection of the items of `model.relation` page by page through the request's batched
 * page loaders, reading the columns the selected fields of the items need.
 */
export function pageOf<Node>(model: string, relation: string, options: PageOptions) {
  const source = pageSource(model, relation, options);
  const nodeModel = nodeModelOf(source);
  return (parent: { id: number }, args: PageArgs, ctx: Context, info: GraphQLResolveInfo) =>
    loadPage<Node>(
      ctx.pages,
      source,
      nodeColumns(info, nodeModel),
      parent.id,
      args,
      pageSizes,
      selectsTotalCount(info),
    );
}

/**
 * Resolves the rows beneath a row (depth first, siblings by id) or above it (nearest first) in the
 * tree that `model`'s relation `parent` makes, for every row of the request in one statement.
 */
export function treeOf<Row>(model: string, parent: string, direction: 'beneath' | 'above') {
  const tree = hierarchyOf(model, parent);
  return (row: { id: number }, _args: unknown, ctx: Context) =>
    ctx.pages.hierarchy(tree, direction).load(row.id) as Promise<unknown[]> as Promise<Row[]>;
}

type Delegate = {
  count(args: { where: Record<string, unknown> }): Promise<number>;
  findMany(args: object): Promise<unknown[]>;
};

/** Prisma's delegate of a model (`db.party` for Party), for what every model's delegate has. */
export const delegateOf = (ctx: Context, model: string) =>
  (ctx.db as unknown as Record<string, Delegate>)[model.charAt(0).toLowerCase() + model.slice(1)] as Delegate;

/**
 * The `totalCount` and `resolve` of a root connection of `model` in `orderBy` order, filtered by the
 * column equalities `where` makes of the arguments (undefined ones are left out). A page whose nodes
 * need only their own columns (those their selected fields read) is read through the driver, as
 * findMany would give it to Pothos; otherwise by findMany, so that relations load alongside.
 */
export function rootPage<Row, Args = object>(
  model: string,
  orderBy: readonly string[],
  where: (args: Args) => Record<string, unknown> = () => ({}),
) {
  return {
    totalCount: (_connection: unknown, args: Args, ctx: Context) =>
      delegateOf(ctx, model).count({ where: where(args) }),
    resolve: (query: PrismaPageQuery, _root: unknown, args: Args, ctx: Context, info: GraphQLResolveInfo) =>
      (readsColumnsOnly(query)
        ? readPage<Row>(ctx.database, model, orderBy, query, nodeColumns(info, model), where(args))
        : delegateOf(ctx, model).findMany({
            ...query,
            where: where(args),
            orderBy: orderBy.map((column) => ({ [column]: 'asc' })),
          })) as Promise<Row[]>,
  };
}
