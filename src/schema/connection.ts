import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { loadPage, type PageArgs, type PageSource } from '../page-loader.js';

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many items the whole list holds, across all pages.',
    resolve: (connection) =>
      typeof connection.totalCount === 'function' ? connection.totalCount() : connection.totalCount,
  }),
);

/** Resolves a connection of a parent's items page by page through the request's batched page loaders. */
export function pageOf<Node>(source: PageSource) {
  return (parent: { id: number }, args: PageArgs, ctx: Context) =>
    loadPage<Node>(ctx.pages, source, parent.id, args, { defaultSize: 20, maxSize: 100 });
}
