import { getConnectionPageSize, PothosValidationError, validateConnectionArguments } from '@pothos/core';
import { formatPrismaCursor, parsePrismaCursor } from '@pothos/plugin-prisma';
import DataLoader from 'dataloader';
import { Prisma } from '../generated/prisma/client.js';
import type { Database } from './database.js';
import { type Hierarchy, type JoinSource, type PageSource, selectColumn } from './relations.js';

export type { Hierarchy, JoinSource, PageSource };

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

type Row = { id: number; __cursor?: number } & Record<string, unknown>;

const quote = (name: string) => `"${name}"`;

/** The item id a cursor names, in the encoding of Pothos' Prisma connections, so cursors stay interchangeable. */
function cursorId(cursor: string): number {
  const id = parsePrismaCursor(cursor);
  if (!Number.isSafeInteger(id)) throw new PothosValidationError(`Invalid cursor: ${cursor}`);
  return id as number;
}

function itemsOf(source: PageSource, parent: string) {
  // Items reached through several rows (see reachSql) are found by a semi-join, so each comes once.
  const owners = source.reach ? `(SELECT r.node FROM reach r WHERE r.parent = ${parent})` : null;
  if ('foreignKey' in source)
    return {
      from: `${quote(source.table)} t`,
      where: `t.${quote(source.foreignKey)} ${owners ? `IN ${owners}` : `= ${parent}`}`,
    };
  if (owners)
    return {
      from: `${quote(source.table)} t`,
      where: `t."id" IN (SELECT l.${quote(source.itemColumn)} FROM ${quote(source.through)} l WHERE l.${quote(source.parentColumn)} IN ${owners})`,
    };
  return {
    from: `${quote(source.table)} t JOIN ${quote(source.through)} l ON l.${quote(source.itemColumn)} = t."id"`,
    where: `l.${quote(source.parentColumn)} = ${parent}`,
  };
}

/**
 * For a source whose items hang on more rows than the parent: `reach(parent, node)`, each parent
 * of $1 with every row its items may hang on (its seeds and every row beneath them, once each).
 */
function reachSql({ reach }: PageSource) {
  if (!reach) return '';
  const seeds = reach.seeds
    ? `SELECT s.parent, k.${quote(reach.seeds.itemColumn)} FROM unnest($1::int[]) AS s(parent)
      JOIN ${quote(reach.seeds.through)} k ON k.${quote(reach.seeds.parentColumn)} = s.parent`
    : 'SELECT s.parent, s.parent FROM unnest($1::int[]) AS s(parent)';
  const tree = reach.hierarchy;
  const beneath = tree
    ? ` UNION SELECT r.parent, c."id" FROM reach r JOIN ${quote(tree.table)} c ON c.${quote(tree.parentKey)} = r.node`
    : '';
  return `WITH RECURSIVE reach(parent, node) AS (${seeds}${beneath}) `;
}

/** Each parent's rows beneath it, depth first with siblings by id, or above it, nearest first. */
function hierarchySql(tree: Hierarchy, direction: 'beneath' | 'above') {
  const table = quote(tree.table);
  const parentKey = quote(tree.parentKey);
  const columns = tree.columns.map((column) => selectColumn(tree.table, 't', column)).join(', ');
  const parents = 'unnest($1::int[]) WITH ORDINALITY AS p(id, ord)';
  // Paths and depths bound the walk should the data ever hold a cycle.
  return direction === 'beneath'
    ? `WITH RECURSIVE walk(parent, id, path) AS (
        SELECT p.ord::int, c."id", ARRAY[c."id"] FROM ${parents} JOIN ${table} c ON c.${parentKey} = p.id
        UNION ALL SELECT w.parent, c."id", w.path || c."id" FROM walk w JOIN ${table} c ON c.${parentKey} = w.id
          WHERE c."id" <> ALL(w.path))
      SELECT w.parent AS "__parent", ${columns} FROM walk w JOIN ${table} t ON t."id" = w.id ORDER BY w.parent, w.path`
    : `WITH RECURSIVE walk(parent, id, depth) AS (
        SELECT p.ord::int, c.${parentKey}, 1 FROM ${parents} JOIN ${table} c ON c."id" = p.id WHERE c.${parentKey} IS NOT NULL
        UNION ALL SELECT w.parent, c.${parentKey}, w.depth + 1 FROM walk w JOIN ${table} c ON c."id" = w.id
          WHERE c.${parentKey} IS NOT NULL AND w.depth < 64)
      SELECT w.parent AS "__parent", ${columns} FROM walk w JOIN ${table} t ON t."id" = w.id ORDER BY w.parent, w.depth`;
}

/**
 * One statement for a page of items under every parent at once: LATERAL … LIMIT, so the rows
 * read grow with the page size, not with how many items a parent has.
 */
function pageSql(
  source: PageSource,
  backward: boolean,
  withCursor: boolean,
  columns: readonly string[],
  counted: boolean,
) {
  const direction = backward ? ' DESC' : '';
  const linkOrder = 'through' in source && source.linkOrderBy ? { ...source, linkOrderBy: source.linkOrderBy } : null;
  const ordered = linkOrder
    ? linkOrder.linkOrderBy.map((column) => `l.${quote(column)}`)
    : source.orderBy.map((column) => `t.${quote(column)}`);
  const cursorColumns = source.orderBy.map((column) => `c.${quote(column)}`).join(', ');
  const cursor = withCursor
    ? ` AND (${ordered.join(', ')}) ${backward ? '<' : '>'} (SELECT ${cursorColumns} FROM ${quote(source.table)} c WHERE c."id" = $3)`
    : '';
  const order = ordered.map((column) => `${column}${direction}`).join(', ');
  // With the order in the link table, the page is cut from its index before any item row is read.
  const { from, where } = linkOrder
    ? {
        // OFFSET 0 keeps the item lookup a per-link index probe: planners like to hash small item tables whole.
        from: `(SELECT * FROM ${quote(linkOrder.through)} l WHERE l.${quote(linkOrder.parentColumn)} = p.parent${cursor}
          ORDER BY ${order} LIMIT $2) l
          CROSS JOIN LATERAL (SELECT * FROM ${quote(source.table)} t WHERE t."id" = l.${quote(linkOrder.itemColumn)} OFFSET 0) t`,
        where: 'TRUE',
      }
    : itemsOf(source, 'p.parent');
  const keys = ordered.map((column, i) => `${column} AS "__o${i}"`).join(', ');
  const outerOrder = source.orderBy.map((_, i) => `i."__o${i}"${direction}`).join(', ');
  const alias = source.node ? 'n' : 't';
  const node = {
    join: source.node ? ` JOIN ${quote(source.node.table)} n ON n."id" = t.${quote(source.node.foreignKey)}` : '',
    columns: columns.map((column) => selectColumn(source.node?.table ?? source.table, alias, column)).join(', '),
  };
  // Without a separate node, an item's cursor is its id: the order keys and cursor stay in the database.
  const cursorColumn = source.node ? ', t."id" AS "__cursor"' : '';
  const selected = [...columns, ...(source.node ? ['__cursor'] : [])].map((column) => `i.${quote(column)}`).join(', ');
  const page = `(SELECT ${keys}${cursorColumn}, ${node.columns} FROM ${from}${node.join}
      WHERE ${where}${linkOrder ? '' : cursor} ORDER BY ${order} LIMIT $2) i`;
  const parents = 'unnest($1::int[]) WITH ORDINALITY AS p(parent, ord)';
  if (!counted)
    return `${reachSql(source)}SELECT p.ord::int AS "__parent", ${selected} FROM ${parents}
    CROSS JOIN LATERAL ${page}
    ORDER BY p.ord, ${outerOrder}`;
  // Each parent's count once, beside its page; a parent without items keeps one row, of its count alone.
  const all = itemsOf(source, 'p.parent');
  return `${reachSql(source)}SELECT p.ord::int AS "__parent", c.n AS "__count", ${selected} FROM ${parents}
    CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM ${all.from} WHERE ${all.where}) c
    LEFT JOIN LATERAL ${page} ON TRUE
    ORDER BY p.ord, ${outerOrder}`;
}

function countSql(source: PageSource) {
  const { from, where } = itemsOf(source, 'p.parent');
  return `${reachSql(source)}SELECT p.ord::int AS "__parent", (SELECT count(*)::int FROM ${from} WHERE ${where}) AS n
    FROM unnest($1::int[]) WITH ORDINALITY AS p(parent, ord)`;
}

/** One statement for the items of every parent with the relations joined under them (see joinSource). */
function joinSql(source: JoinSource, single: boolean) {
  const [root, ...nested] = source.levels as [JoinSource['levels'][number], ...JoinSource['levels']];
  const select = source.levels.flatMap((level) =>
    level.columns.map((column) => selectColumn(level.model, level.alias, column, `${level.alias}.${column}`)),
  );
  const joins = nested.map((level) => {
    const parent = source.levels[level.parent] as typeof level;
    return `LEFT JOIN ${quote(level.model)} ${level.alias} ON ${level.alias}.${quote(level.on.column)} = ${parent.alias}.${quote(level.on.parentColumn)}`;
  });
  const order = [
    `${root.alias}.${quote(source.parentKey)}`,
    ...source.levels
      .filter((level) => level.isList)
      .flatMap((level) => level.orderBy.map((column) => `${level.alias}.${quote(column)}`)),
  ];
  // One key as a scalar: PostgreSQL keeps a generic plan of it, where for a list of keys it judged the
  // generic plan dearer and planned every call afresh (0.65 ms of planning to 0.09 of execution).
  const keys = single ? '= $1::int' : '= ANY($1::int[])';
  return `SELECT ${select.join(', ')} FROM ${quote(root.model)} ${root.alias} ${joins.join(' ')}
    WHERE ${root.alias}.${quote(source.parentKey)} ${keys} ORDER BY ${order.join(', ')}`;
}

type Joined = Record<string, unknown>;

/**
 * Splits joined rows back into each parent's items with their relations nested as Prisma includes
 * them (lists as arrays, possibly empty; a missing to-one as null). Rows come ordered by parent and
 * by every list, so a row repeats its predecessor's object at a level while its key and parent are the same.
 */
function splitJoined(source: JoinSource, parents: readonly number[], rows: Joined[]) {
  const { levels } = source;
  // Indexed loops and no spreads: pg's row objects of many columns are in dictionary mode.
  const keys = levels.map((level) => level.columns.map((column) => [column, `${level.alias}.${column}`] as const));
  const identities = levels.map((level) => level.key.map((column) => `${level.alias}.${column}`));
  const identity = (row: Joined, columns: readonly string[]) =>
    columns.length === 1 ? row[columns[0] as string] : columns.map((column) => row[column]).join('\u0000');
  const children = levels.map((_, i) => levels.filter((level) => level.parent === i));
  const byParent = new Map(parents.map((id) => [id, [] as Joined[]]));
  const current: (Joined | undefined)[] = [];
  const seen: unknown[] = [];
  const under: (Joined | undefined)[] = [];
  for (const row of rows) {
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i] as (typeof levels)[number];
      const parent = i === 0 ? undefined : current[level.parent];
      const columns = identities[i] as string[];
      if (row[columns[0] as string] == null || (i > 0 && !parent)) {
        current[i] = undefined;
        continue;
      }
      const id = identity(row, columns);
      if (current[i] && seen[i] === id && under[i] === parent) continue;
      const object: Joined = {};
      for (const [column, key] of keys[i] ?? []) object[column] = row[key];
      for (const child of children[i] ?? []) object[child.relation] = child.isList ? [] : null;
      current[i] = object;
      seen[i] = id;
      under[i] = parent;
      if (!parent) byParent.get(object[source.parentKey] as number)?.push(object);
      else if (level.isList) (parent[level.relation] as Joined[]).push(object);
      else parent[level.relation] = object;
    }
  }
  return parents.map((id) => byParent.get(id) ?? []);
}

function groupByParent<T>(parents: readonly number[], rows: ({ __parent: number } & T)[]) {
  const groups = parents.map((): T[] => []);
  for (const row of rows) groups[row.__parent - 1]?.push(row);
  return groups;
}

const revisionColumns = Object.values(Prisma.RevisionScalarFieldEnum)
  .map((column) => `r.${quote(column)}`)
  .join(', ');

/** Pages of several entities' revisions, newest first, from the (entityType, entityId, id) index. */
function revisionPageSql(withCursor: boolean) {
  return `SELECT p.ord::int AS "__parent", r.* FROM unnest($1::int[]) WITH ORDINALITY AS p(parent, ord)
    CROSS JOIN LATERAL (SELECT ${revisionColumns} FROM "Revision" r WHERE r."entityType" = $2 AND r."entityId" = p.parent${
      withCursor ? ' AND r."id" < $4' : ''
    } ORDER BY r."id" DESC LIMIT $3) r
    ORDER BY p.ord, r."id" DESC`;
}

const revisionCountSql = `SELECT p.ord::int AS "__parent",
    (SELECT count(*)::int FROM "Revision" r WHERE r."entityType" = $2 AND r."entityId" = p.parent) AS n
  FROM unnest($1::int[]) WITH ORDINALITY AS p(parent, ord)`;

type PageRow = { __parent: number; __count?: number } & Row;
type PageEntry = { loader: DataLoader<number, Row[]>; counted: boolean };

/** Statement texts by what they are built from: sources and column sets are made once, so each text is built once. */
const statements = new WeakMap<object, Map<string, string>>();
function statement(owner: object, shape: string, build: () => string) {
  let texts = statements.get(owner);
  if (!texts) {
    texts = new Map();
    statements.set(owner, texts);
  }
  let text = texts.get(shape);
  if (text === undefined) {
    text = build();
    texts.set(shape, text);
  }
  return text;
}

/** Per-request loaders of pages and counts, one per source and page shape, so sibling parents share a statement. */
export class PageLoaders {
  // Keyed by the column array first: nodeColumns hands out one array per column set, so it stands for its
  // columns without a key string joined and hashed for every parent.
  private readonly pages = new Map<readonly string[], Map<string, PageEntry>>();
  private readonly counts = new Map<string, DataLoader<number, number>>();
  private readonly joins = new Map<string, DataLoader<number, Joined[]>>();
  private readonly hierarchies = new Map<string, DataLoader<number, Row[]>>();
  private readonly revisionPages = new Map<string, DataLoader<number, Row[]>>();
  private readonly revisionCounts = new Map<string, DataLoader<number, number>>();

  constructor(private readonly database: Database) {}

  /**
   * Each parent's page of `limit` items; with `counted`, the statement reads each parent's count too and hands
   * it to `count`'s loader, so that a totalCount selected beside the page costs no statement of its own.
   */
  page(
    source: PageSource,
    columns: readonly string[],
    limit: number,
    backward: boolean,
    cursor: number | null,
    counted = false,
  ) {
    let shapes = this.pages.get(columns);
    if (!shapes) {
      shapes = new Map();
      this.pages.set(columns, shapes);
    }
    const key = `${source.name}:${limit}:${backward}:${cursor}`;
    let page = shapes.get(key);
    if (!page) {
      const withCursor = cursor !== null;
      const shape = `${source.name}:${backward}:${withCursor}`;
      const sql = (counted: boolean) =>
        statement(columns, `${shape}:${counted}`, () => pageSql(source, backward, withCursor, columns, counted));
      const entry = { counted } as PageEntry;
      entry.loader = new DataLoader(async (parents): Promise<Row[][]> => {
        const params: unknown[] = [parents, limit];
        if (cursor !== null) params.push(cursor);
        // Decided as the batch runs: any field of the batch that selects totalCount has asked for it by then.
        const withCount = entry.counted;
        const groups = groupByParent(parents, await this.database.query<PageRow>(sql(withCount), params));
        if (!withCount) return groups;
        const counts = this.count(source);
        return groups.map((rows, i) => {
          counts.prime(parents[i] as number, rows[0]?.__count ?? 0);
          return rows[0]?.id === null ? [] : rows;
        });
      });
      page = entry;
      shapes.set(key, page);
    }
    page.counted ||= counted;
    return page.loader;
  }

  /** Each parent's items with their relations, in one joined statement for every parent of the request. */
  joined(source: JoinSource) {
    let loader = this.joins.get(source.name);
    if (!loader) {
      const one = statement(source, 'one', () => joinSql(source, true));
      const many = statement(source, 'many', () => joinSql(source, false));
      loader = new DataLoader(async (parents) => {
        const single = parents.length === 1;
        const rows = await this.database.query<Joined>(single ? one : many, single ? [parents[0]] : [parents]);
        return splitJoined(source, parents, rows);
      });
      this.joins.set(source.name, loader);
    }
    return loader;
  }

  /** Each parent's rows beneath it in `tree` (depth first, siblings by id) or above it (nearest first). */
  hierarchy(tree: Hierarchy, direction: 'beneath' | 'above') {
    const key = `${tree.name}:${direction}`;
    let loader = this.hierarchies.get(key);
    if (!loader) {
      const sql = statement(tree, direction, () => hierarchySql(tree, direction));
      loader = new DataLoader(async (parents) =>
        groupByParent(parents, await this.database.query<{ __parent: number } & Row>(sql, [parents])),
      );
      this.hierarchies.set(key, loader);
    }
    return loader;
  }

  /** Each entity's revisions, newest first: `limit` of them, older than revision `before` when given. */
  revisions(entityType: string, limit: number, before: number | null) {
    const key = `${entityType}:${limit}:${before}`;
    let loader = this.revisionPages.get(key);
    if (!loader) {
      loader = new DataLoader(async (entities) => {
        const params = [entities, entityType, limit, ...(before === null ? [] : [before])];
        const rows = await this.database.query<{ __parent: number } & Row>(revisionPageSql(before !== null), params);
        return groupByParent(entities, rows);
      });
      this.revisionPages.set(key, loader);
    }
    return loader;
  }

  revisionCount(entityType: string) {
    let loader = this.revisionCounts.get(entityType);
    if (!loader) {
      loader = new DataLoader(async (entities) => {
        const rows = await this.database.query<{ __parent: number; n: number }>(revisionCountSql, [
          entities,
          entityType,
        ]);
        return groupByParent(entities, rows).map((group) => group[0]?.n ?? 0);
      });
      this.revisionCounts.set(entityType, loader);
    }
    return loader;
  }

  count(source: PageSource) {
    let loader = this.counts.get(source.name);
    if (!loader) {
      const sql = statement(source, 'count', () => countSql(source));
      loader = new DataLoader(async (parents) => {
        const rows = await this.database.query<{ __parent: number; n: number }>(sql, [parents]);
        return groupByParent(parents, rows).map((group) => group[0]?.n ?? 0);
      });
      this.counts.set(source.name, loader);
    }
    return loader;
  }
}

/** An edge whose cursor is encoded only if it is asked for: most nested pages select nodes alone (so are pageInfo's). */
class Edge<T> {
  readonly node: T;
  constructor(
    private readonly row: Row,
    private readonly cursorKey: string,
  ) {
    this.node = row as unknown as T;
  }

  get cursor() {
    return formatPrismaCursor(this.row, this.cursorKey);
  }
}

/**
 * A Relay connection of a parent's items, with the paging rules of Pothos' Prisma connections
 * (same cursors, page sizes, errors and pageInfo), loaded through the request's PageLoaders.
 * Items carry `columns` of their rows only.
 */
export async function loadPage<T>(
  loaders: PageLoaders,
  source: PageSource,
  columns: readonly string[],
  parentId: number,
  args: PageArgs,
  sizes: { defaultSize: number; maxSize: number },
  counted = false,
) {
  validateConnectionArguments(args);
  if (args.before && args.after) {
    throw new PothosValidationError('Arguments "before" and "after" are not supported at the same time');
  }
  if (args.before != null && args.first != null) {
    throw new PothosValidationError('Arguments "before" and "first" are not supported at the same time');
  }
  if (args.after != null && args.last != null) {
    throw new PothosValidationError('Arguments "after" and "last" are not supported at the same time');
  }
  const { limit } = getConnectionPageSize({ args, ...sizes });
  const backward = args.before != null || args.last != null;
  const cursor = args.before ?? args.after;
  const pages = loaders.page(source, columns, limit, backward, cursor ? cursorId(cursor) : null, counted);
  const rows = await pages.load(parentId);
  const full = rows.length === limit;
  // A copy: the loader hands the same cached array to every field that asks for this page.
  const page = rows.slice(0, full ? -1 : undefined);
  if (backward) page.reverse();
  const cursorKey = source.node ? '__cursor' : 'id';
  const edges = page.map((row) => new Edge<T>(row, cursorKey));
  const pageInfo = new PageInfo(
    edges,
    args.before != null ? true : args.last != null ? false : full,
    args.after != null ? true : backward ? full : false,
  );
  return new Connection(edges, pageInfo, loaders, source, parentId);
}

/** An entity's revisions, newest first, as a forward Relay connection with the cursors of Query.revisions. */
export async function loadRevisionPage<T>(
  loaders: PageLoaders,
  entityType: string,
  entityId: number,
  args: PageArgs,
  sizes: { defaultSize: number; maxSize: number },
) {
  validateConnectionArguments(args);
  if (args.last != null || args.before != null)
    throw new PothosValidationError('Revisions are paged newest first with first and after only.');
  const { limit } = getConnectionPageSize({ args, ...sizes });
  const rows = await loaders.revisions(entityType, limit, args.after ? cursorId(args.after) : null).load(entityId);
  const full = rows.length === limit;
  const edges = rows.slice(0, full ? -1 : undefined).map((row) => new Edge<T>(row, 'id'));
  return {
    edges,
    pageInfo: new PageInfo(edges, full, args.after != null),
    totalCount: () => loaders.revisionCount(entityType).load(entityId),
  };
}

class Connection<T> {
  constructor(
    readonly edges: Edge<T>[],
    readonly pageInfo: PageInfo,
    private readonly loaders: PageLoaders,
    private readonly source: PageSource,
    private readonly parentId: number,
  ) {}

  totalCount() {
    return this.loaders.count(this.source).load(this.parentId);
  }
}

class PageInfo {
  constructor(
    private readonly edges: readonly Edge<unknown>[],
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
  ) {}

  get startCursor() {
    return this.edges[0]?.cursor ?? null;
  }

  get endCursor() {
    return this.edges[this.edges.length - 1]?.cursor ?? null;
  }
}

/** The part of a Pothos Prisma connection's findMany arguments that says which page to read. */
export interface PrismaPageQuery {
  take: number;
  skip: number;
  cursor?: { id?: number };
  include?: Record<string, unknown>;
  select?: Record<string, unknown>;
}

/** Whether a page is a plain cursor page of the nodes' own columns, with no relation for Prisma to load alongside. */
export function readsColumnsOnly(query: PrismaPageQuery) {
  const plainPage = query.skip === 0 || (query.skip === 1 && typeof query.cursor?.id === 'number');
  return plainPage && !query.select && (!query.include || Object.keys(query.include).length === 0);
}

/**
 * The rows findMany would give Pothos for a top-level page (take, skip 1 after a cursor, negative
 * take backwards, rows in ascending order), in one statement through the driver: Prisma's mapping
 * of the rows costs more than reading them. `where` holds column equalities; undefined ones are left out.
 */
export async function readPage<Row>(
  database: Database,
  table: string,
  orderBy: readonly string[],
  query: PrismaPageQuery,
  columns: readonly string[],
  where: Record<string, unknown>,
): Promise<Row[]> {
  const backward = query.take < 0;
  const limit = Math.abs(query.take);
  if (!Number.isSafeInteger(limit)) throw new PothosValidationError(`Invalid page size: ${query.take}`);
  const params: unknown[] = [];
  const conditions = Object.entries(where).flatMap(([column, value]) => {
    if (value === undefined || value === null) return [];
    params.push(value);
    return [`t.${quote(column)} = $${params.length}`];
  });
  if (query.cursor?.id !== undefined) {
    params.push(query.cursor.id);
    const columns = orderBy.map((column) => quote(column));
    const op = backward ? (query.skip ? '<' : '<=') : query.skip ? '>' : '>=';
    conditions.push(
      `(${columns.map((c) => `t.${c}`).join(', ')}) ${op} (SELECT ${columns.map((c) => `c.${c}`).join(', ')} FROM ${quote(table)} c WHERE c."id" = $${params.length})`,
    );
  }
  const order = orderBy.map((column) => `t.${quote(column)}${backward ? ' DESC' : ''}`).join(', ');
  // The limit as a literal: with LIMIT $1 PostgreSQL judged the generic plan dearer and planned every call.
  const rows = await database.query<Row>(
    `SELECT ${columns.map((column) => selectColumn(table, 't', column)).join(', ')} FROM ${quote(table)} t${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ${limit}`,
    params,
  );
  return backward ? rows.reverse() : rows;
}
