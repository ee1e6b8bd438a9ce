import { type ComplexityErrorFn, ComplexityErrorKind } from '@pothos/plugin-complexity';
import { GraphQLError, type GraphQLField, getNullableType, isListType } from 'graphql';
import type { Limits } from './config.js';

/** Items a small fixed list (positions, sources, parties of an agreement) is costed at. */
const smallListSize = 5;
const defaultPageSize = 20;
const maxPageSize = 100;

/**
 * A field costs 1; what is selected under it costs as many times as the rows it can return:
 * the page size for a connection (first/last, else the default page), the ids for nodes(ids),
 * once per page for edges, and a few times for the small fixed lists.
 */
export function fieldComplexity<Context>(
  args: Record<string, unknown>,
  _ctx: Context,
  field: GraphQLField<unknown, Context, Record<string, unknown>>,
) {
  const page = args.first ?? args.last;
  if ('first' in args || 'last' in args) {
    const size = typeof page === 'number' ? page : defaultPageSize;
    return { field: 1, multiplier: Math.min(Math.max(size, 0), maxPageSize) };
  }
  if (Array.isArray(args.ids)) return { field: 1, multiplier: args.ids.length };
  if (field.name === 'edges' || !isListType(getNullableType(field.type))) return { field: 1, multiplier: 1 };
  return { field: 1, multiplier: smallListSize };
}

export function complexityLimits(limits: Limits) {
  return { complexity: limits.cost, depth: limits.depth };
}

const errors: Record<
  ComplexityErrorKind,
  { measured: 'complexity' | 'depth' | 'breadth'; name: string; code: string }
> = {
  [ComplexityErrorKind.Complexity]: { measured: 'complexity', name: 'cost', code: 'QUERY_TOO_COSTLY' },
  [ComplexityErrorKind.Depth]: { measured: 'depth', name: 'depth', code: 'QUERY_TOO_DEEP' },
  [ComplexityErrorKind.Breadth]: { measured: 'breadth', name: 'breadth', code: 'QUERY_TOO_BROAD' },
};

export const complexityError: ComplexityErrorFn = (kind, result) => {
  const { measured, name, code } = errors[kind];
  const max = { complexity: result.maxComplexity, depth: result.maxDepth, breadth: result.maxBreadth }[measured];
  return new GraphQLError(`This operation's ${name} is ${result[measured]}, over the limit of ${max}: ask for less.`, {
    extensions: { code, [name]: result[measured], limit: max },
  });
};
