import { brandWithType } from '@pothos/core';
import { queryFromInfo } from '@pothos/plugin-prisma';
import type { GraphQLResolveInfo } from 'graphql';
import { DataModelError, includeTreeOf, type JoinSource, nodeJoinSource } from '../../data/relations.js';
import type { Context } from '../context.js';

type GlobalId = { typename: string; id: string };

/** Join sources by model and planned include; bounded, since every shape of selection plans its own. */
const sources = new Map<string, JoinSource | null>();
const maxSources = 500;

/** How to read `typename`'s rows for the query Pothos planned, or null when Prisma's client must. */
function joinedRead(typename: string, query: unknown): JoinSource | null {
  const tree = includeTreeOf(query);
  if (!tree) return null;
  const key = `${typename}#${JSON.stringify(tree)}`;
  let source = sources.get(key);
  if (source === undefined) {
    try {
      source = nodeJoinSource(typename, tree);
    } catch (error) {
      if (!(error instanceof DataModelError)) throw error;
      source = null;
    }
    if (sources.size < maxSources) sources.set(key, source);
  }
  return source;
}

/**
 * The nodes of `ids` as the pages are read: per type, the query Pothos plans for the selection (its
 * loader mappings set as Prisma's path sets them) read in one joined statement for every id of the
 * type. When a type's query asks for more than the join reads, all go the plugins' way, `fallback`.
 */
export async function nodesByDriver(
  ctx: Context,
  info: GraphQLResolveInfo,
  ids: readonly (GlobalId | null | undefined)[],
  fallback: () => Promise<readonly unknown[]>,
): Promise<readonly unknown[]> {
  const byType = new Map<string, JoinSource | null>();
  for (const id of ids) {
    if (!id || byType.has(id.typename)) continue;
    const query = await queryFromInfo({ context: ctx, info, typeName: id.typename, awaitSelections: true });
    const source = joinedRead(id.typename, query);
    if (!source) return fallback();
    byType.set(id.typename, source);
  }
  return Promise.all(
    ids.map(async (id) => {
      if (!id) return null;
      const [row] = await ctx.pages.joined(byType.get(id.typename) as JoinSource).load(Number(id.id));
      if (row) brandWithType(row, id.typename as never);
      return row ?? null;
    }),
  );
}
