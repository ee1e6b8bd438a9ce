import {
  defaultFieldResolver,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  getNullableType,
  isObjectType,
} from 'graphql';
import { userInputError } from './errors.js';

/**
 * Cursors name the list they come from (`Query.parties`, `Agreement.commitments`), so that a cursor
 * of one list given to another is refused rather than read as a position in it. Inside, a cursor is
 * what Pothos' connections encode (`GPC:N:12`, `OffsetConnection:3`); outside, base64 of `list|inner`.
 */
const listOf = Symbol('list');

type Marked = { [listOf]?: string };

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function decodeBase64(text: string): string | null {
  const decoded = Buffer.from(text, 'base64').toString('utf8');
  return base64(decoded).replace(/=+$/, '') === text.replace(/=+$/, '') ? decoded : null;
}

/** The cursor a client sees for the list's cursor `inner` (as Pothos encodes it). */
export function listCursor(list: string, inner: string): string {
  const decoded = decodeBase64(inner);
  return decoded === null ? inner : base64(`${list}|${decoded}`);
}

const positiveInt = /^(0|[1-9]\d{0,8})$/;

/** Whether a decoded inner cursor is one Pothos hands out here: a Prisma row cursor or a search offset. */
function isPothosCursor(decoded: string): boolean {
  const [prefix, kind, ...rest] = decoded.split(':');
  const value = rest.join(':');
  if (prefix === 'OffsetConnection') return kind !== undefined && positiveInt.test(kind) && rest.length === 0;
  if (prefix !== 'GPC') return false;
  if (kind === 'N') return positiveInt.test(value);
  if (kind !== 'J') return false;
  try {
    const parsed: unknown = JSON.parse(value);
    return (
      parsed !== null &&
      typeof parsed === 'object' &&
      !Array.isArray(parsed) &&
      Object.values(parsed).every(
        (v) =>
          (typeof v === 'number' && positiveInt.test(String(v))) || (typeof v === 'string' && /^[A-Z_]{1,40}$/.test(v)),
      )
    );
  } catch {
    return false;
  }
}

/** The list a cursor names and the cursor as Pothos encodes it, or null for anything this API did not hand out. */
function parseListCursor(cursor: string): { list: string; inner: string } | null {
  const decoded = decodeBase64(cursor);
  const bar = decoded?.indexOf('|') ?? -1;
  if (!decoded || bar <= 0 || !isPothosCursor(decoded.slice(bar + 1))) return null;
  return { list: decoded.slice(0, bar), inner: base64(decoded.slice(bar + 1)) };
}

/** The inner cursor of `cursor`, refusing one this API did not hand out or handed out for another list. */
export function innerCursor(list: string, cursor: string, argumentName: string): string {
  const parsed = parseListCursor(cursor);
  if (!parsed) {
    throw userInputError(`"${cursor.slice(0, 100)}" is not a cursor of this API: use a cursor it returned.`, {
      argumentName,
    });
  }
  if (parsed.list !== list) {
    throw userInputError(
      `That cursor is of ${parsed.list.slice(0, 100)}, not of ${list}: use a cursor this list returned.`,
      {
        argumentName,
      },
    );
  }
  return parsed.inner;
}

/** Paging arguments with their cursors as Pothos encodes them, for `list`. */
export function innerPageArgs<Args extends { after?: string | null; before?: string | null }>(
  list: string,
  args: Args,
): Args {
  let read = args;
  for (const name of ['after', 'before'] as const) {
    const cursor = args[name];
    if (typeof cursor === 'string') read = { ...read, [name]: innerCursor(list, cursor, name) };
  }
  return read;
}

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof (value as Promise<unknown> | null)?.then === 'function';

/** Marks a connection's edges and pageInfo with its list, for their cursor fields to encode. */
function markConnection(list: string, connection: unknown) {
  if (!connection || typeof connection !== 'object') return connection;
  const { edges, pageInfo } = connection as { edges?: unknown; pageInfo?: unknown };
  if (Array.isArray(edges)) {
    for (const edge of edges) if (edge && typeof edge === 'object') (edge as Marked)[listOf] = list;
  }
  if (pageInfo && typeof pageInfo === 'object') (pageInfo as Marked)[listOf] = list;
  return connection;
}

function isConnectionField(field: GraphQLField<unknown, unknown>) {
  const type = getNullableType(field.type);
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  return Boolean(fields.edges && fields.pageInfo && field.args.some((arg) => arg.name === 'after'));
}

function withListCursor(resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    const cursor = resolve(source, args, context, info);
    const list = (source as Marked | null)?.[listOf];
    const mark = (inner: unknown) => (list && typeof inner === 'string' ? listCursor(list, inner) : inner);
    return isPromise(cursor) ? cursor.then(mark) : mark(cursor);
  };
}

/**
 * Makes every connection of `schema` hand out cursors that name it and take only its own: each
 * connection field reads its `after`/`before` through `innerCursor` and marks what it returns, and
 * every edge's `cursor` and pageInfo's `startCursor`/`endCursor` encode the mark.
 */
export function withListCursors(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const fields = type.getFields();
    for (const field of Object.values(fields)) {
      if (isConnectionField(field)) {
        const list = `${type.name}.${field.name}`;
        const resolve = field.resolve ?? defaultFieldResolver;
        field.resolve = (source, args, context, info) => {
          const connection = resolve(source, innerPageArgs(list, args), context, info);
          return isPromise(connection)
            ? connection.then((settled) => markConnection(list, settled))
            : markConnection(list, connection);
        };
      }
    }
    const cursorFields = fields.node && fields.cursor ? [fields.cursor] : [];
    if (fields.hasNextPage && fields.startCursor && fields.endCursor)
      cursorFields.push(fields.startCursor, fields.endCursor);
    for (const field of cursorFields) field.resolve = withListCursor(field.resolve ?? defaultFieldResolver);
  }
  return schema;
}
