import { type GraphQLField, getNullableType, isListType } from 'graphql';
import { pageSizes } from '../config.js';

/** Items a small fixed list (positions, sources, parties of an agreement) is costed at. */
const smallListSize = 5;

/**
 * A field costs 1; what is selected under it costs as many times as the rows it can return:
 * the page size for a connection (first/last, else the default page), the ids for nodes(ids) and
 * the representations for _entities, once per page for edges, and a few times for the small fixed lists.
 */
export function fieldComplexity<Context>(
  args: Record<string, unknown>,
  _ctx: Context,
  field: GraphQLField<unknown, Context, Record<string, unknown>>,
) {
  // A connection without first or last still answers its default page.
  if (field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) {
    const page = args.first ?? args.last;
    const size = typeof page === 'number' ? page : pageSizes.defaultSize;
    return { field: 1, multiplier: Math.min(Math.max(size, 0), pageSizes.maxSize) };
  }
  const items = args.ids ?? args.representations;
  if (Array.isArray(items)) return { field: 1, multiplier: items.length };
  if (field.name === 'edges' || !isListType(getNullableType(field.type))) return { field: 1, multiplier: 1 };
  return { field: 1, multiplier: smallListSize };
}
