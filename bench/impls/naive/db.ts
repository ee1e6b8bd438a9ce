import pg from 'pg';

// biome-ignore lint/suspicious/noExplicitAny: rows of untyped SQL
export type Row = Record<string, any>;
export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

export const query = async (sql: string, params: unknown[] = []): Promise<Row[]> =>
  (await pool.query(sql, params)).rows;

export const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
export const unbase64 = (text: string) => Buffer.from(text, 'base64').toString('utf8');

export function parseCursor(cursor: string): number {
  // Ours' cursors name their list (`Query.parties|GPC:N:12`); naive reads either form.
  const match = /^(?:[\w.]+\|)?GPC:N:(\d+)$/.exec(unbase64(cursor));
  if (!match) throw new Error(`Invalid cursor ${cursor}`);
  return Number(match[1]);
}

/** One row of `table` by id, tagged with its GraphQL type for Node and SearchResult. */
export async function byId(type: string, id: number | null | undefined, table = type): Promise<Row | null> {
  if (id == null) return null;
  const [row] = await query(`SELECT * FROM "${table}" WHERE id = $1`, [id]);
  return row ? { ...row, __typename: type } : null;
}

export interface ListSpec {
  /** FROM clause; the listed table is aliased `t`. */
  from: string;
  where?: string;
  params?: unknown[];
  /** Columns of `t` the list is ordered by, ascending. */
  order: string[];
  /** Column of `t` that identifies a row and makes its cursor. */
  key?: string;
  /** The edge's node, where it is not the listed row itself. */
  node?: (row: Row) => Promise<Row | null>;
}

/** A Relay connection over a cursor-paged SELECT, with a COUNT run only when totalCount is asked. */
export async function connection(args: PageArgs, spec: ListSpec) {
  const { from, where = 'true', params = [], order, key = 'id', node } = spec;
  if (args.before != null && args.after != null) throw new Error('"before" and "after" together are not supported');
  const size = Math.min(args.first ?? args.last ?? 20, 100);
  if (size < 0) throw new Error('page size must not be negative');
  const backward = args.before != null || args.last != null;
  const cursor = args.after ?? args.before;
  const cols = order.map((c) => `t."${c}"`).join(', ');
  let condition = where;
  const values = [...params];
  if (cursor != null) {
    values.push(parseCursor(cursor));
    condition += ` AND (${cols}) ${backward ? '<' : '>'} (SELECT ${cols} FROM ${from} WHERE ${where} AND t."${key}" = $${values.length})`;
  }
  const direction = backward ? ' DESC' : '';
  const rows = await query(
    `SELECT t.* FROM ${from} WHERE ${condition} ORDER BY ${order.map((c) => `t."${c}"${direction}`).join(', ')} LIMIT ${size + 1}`,
    values,
  );
  const full = rows.length > size;
  const items = rows.slice(0, size);
  if (backward) items.reverse();
  const edges = items.map((row) => ({
    cursor: base64(`GPC:N:${row[key]}`),
    node: node ? () => node(row) : row,
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: args.before != null ? true : args.last != null ? false : full,
      hasPreviousPage: args.after != null ? true : backward ? full : false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: async () => (await query(`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`, params))[0]!.n,
  };
}
