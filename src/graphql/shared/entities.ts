import { brandWithType } from '@pothos/core';
import { queryFromInfo } from '@pothos/plugin-prisma';
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder.js';
import { type Context, requestLoader } from '../context.js';
import { decodeNodeId } from '../node-id.js';
import { delegateOf } from './connections.js';
import { nodesByDriver } from './nodes.js';

/** The rows of `ids` read by Prisma's client with the query Pothos plans for the selection, in one statement. */
async function plannedRows(ctx: Context, info: GraphQLResolveInfo, typename: string, ids: readonly number[]) {
  const query = await queryFromInfo({ context: ctx, info, typeName: typename, awaitSelections: true });
  const select = (query as { select?: Record<string, unknown> }).select;
  const planned = select ? { ...query, select: { ...select, id: true } } : query;
  const rows = (await delegateOf(ctx, typename).findMany({ ...planned, where: { id: { in: [...ids] } } })) as {
    id: number;
  }[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => {
    const row = byId.get(id);
    if (row) brandWithType(row, typename as never);
    return row ?? null;
  });
}

/**
 * The references of `typename` that one `_entities` field asks for, loaded together as `nodes(ids)` loads
 * them: one statement for the type, whatever the number of references (the field's alias keeps two apart).
 */
function referenceLoader(ctx: Context, info: GraphQLResolveInfo, typename: string) {
  return requestLoader(
    ctx,
    `entities ${typename} ${String(info.path.key)}`,
    () =>
      new DataLoader<number, unknown>((ids) =>
        nodesByDriver(
          ctx,
          info,
          ids.map((id) => ({ typename, id: String(id) })),
          () => plannedRows(ctx, info, typename, ids),
        ),
      ),
  );
}

/**
 * Makes `ref` a federation entity keyed by its global ID (`@key(fields: "id")`): another subgraph refers to
 * it by the `id` this API returns, and the gateway resolves such references through `_entities`.
 */
export function federated(ref: Parameters<typeof builder.asEntity>[0], typename: string) {
  builder.asEntity(ref, {
    key: builder.selection<{ id: string }>('id'),
    resolveReference: async ({ id }, ctx, info) => {
      const decoded = decodeNodeId(id);
      return decoded.typename === typename ? referenceLoader(ctx, info, typename).load(Number(decoded.id)) : null;
    },
  });
}
