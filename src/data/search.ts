import { Prisma } from '../generated/prisma/client.js';
import type { SearchEntityType } from '../generated/prisma/enums.js';
import { type Db, rawReads } from './client.js';
import { isGramQuery } from './search-text.js';

export type { SearchEntityType };

export interface Hit {
  entityType: SearchEntityType;
  entityId: number;
}

function likePattern(term: string) {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The least string above every string that begins with `term`, in the byte order of `text_pattern_ops`. */
function pastPrefix(term: string) {
  const chars = [...term];
  const last = chars.pop()?.codePointAt(0) ?? 0;
  return chars.join('') + String.fromCodePoint(last + 1 === 0xd800 ? 0xe000 : last + 1);
}

/** `column` begins with the query: a range of a `text_pattern_ops` index, whatever the database's collation. */
const beginsWith = (column: Prisma.Sql, term: string) =>
  Prisma.sql`${column} ~>=~ ${term} AND ${column} ~<~ ${pastPrefix(term)}`;

const o = { term: Prisma.raw('o."term"'), initials: Prisma.raw('o."initials"') };

/**
 * No other search term of the entity of `alias`'s row meets `condition` (over `o`). OFFSET 0 keeps it a probe
 * per row: pulled up into an anti-join, PostgreSQL may merge it by reading every term of every entity.
 */
const noOther = (alias: string, condition: Prisma.Sql) =>
  Prisma.sql`NOT EXISTS (SELECT 1 FROM "SearchTerm" o
    WHERE o."entityType" = ${Prisma.raw(`${alias}."entityType"`)} AND o."entityId" = ${Prisma.raw(`${alias}."entityId"`)}
      AND (${condition}) OFFSET 0)`;

/**
 * The entities a query finds, best first, in four tiers: names that begin with it (an exact name first,
 * then in the order of the name), names whose pinyin initials begin with it, other texts that begin with
 * it, and then the rest (what contains it; for a query SearchGram answers, what it holds of the query).
 * Each tier reads its own index in order, each entity comes once, in the first tier that finds it.
 */
function tiers(term: string): Prisma.Sql[] {
  const nameBegins = Prisma.sql`o."isName" AND ${beginsWith(o.term, term)}`;
  const initialsBegin = beginsWith(o.initials, term);
  const anyBegins = Prisma.sql`${beginsWith(o.term, term)} OR ${initialsBegin}`;
  const rest = isGramQuery(term)
    ? Prisma.sql`SELECT g."entityType", g."entityId" FROM "SearchGram" g
        WHERE g."gram" = ${term} AND ${noOther('g', anyBegins)}
        ORDER BY g."entityType", g."entityId"`
    : Prisma.sql`SELECT t."entityType", t."entityId" FROM "SearchTerm" t
        WHERE t."term" LIKE ${`%${likePattern(term)}%`} AND ${noOther('t', anyBegins)}
        GROUP BY t."entityType", t."entityId"
        ORDER BY t."entityType", t."entityId"`;
  return [
    Prisma.sql`SELECT t."entityType", t."entityId" FROM "SearchTerm" t
      WHERE t."isName" AND ${beginsWith(Prisma.raw('t."term"'), term)}
        AND ${noOther('t', Prisma.sql`o."isName" AND o."term" ~>=~ ${term} AND o."term" ~<~ t."term"`)}
      ORDER BY t."term" USING ~<~, t."entityType", t."entityId"`,
    Prisma.sql`SELECT t."entityType", t."entityId" FROM "SearchTerm" t
      WHERE ${beginsWith(Prisma.raw('t."initials"'), term)}
        AND ${noOther(
          't',
          Prisma.sql`(${nameBegins}) OR (o."initials" ~>=~ ${term}
            AND (o."initials" ~<~ t."initials" OR (o."initials" = t."initials" AND o."id" < t."id")))`,
        )}
      ORDER BY t."initials" USING ~<~, t."entityType", t."entityId"`,
    Prisma.sql`SELECT t."entityType", t."entityId" FROM "SearchTerm" t
      WHERE NOT t."isName" AND ${beginsWith(Prisma.raw('t."term"'), term)}
        AND ${noOther(
          't',
          Prisma.sql`(${nameBegins}) OR (${initialsBegin})
            OR (NOT o."isName" AND o."term" ~>=~ ${term} AND o."term" ~<~ t."term")`,
        )}
      ORDER BY t."term" USING ~<~, t."entityType", t."entityId"`,
    rest,
  ];
}

/**
 * A page of the hits, a statement per tier until the page is full, so a query that thousands of names begin
 * with never reads, sorts or counts the rest. (One UNION ALL would not keep the tiers in order: PostgreSQL
 * may run its branches in parallel.) `run` executes one statement; the benchmark's other servers pass their own.
 */
export async function pageOfHits(
  run: (statement: Prisma.Sql) => Promise<Hit[]>,
  term: string,
  limit: number,
  offset: number,
): Promise<Hit[]> {
  const page: Hit[] = [];
  let skip = offset;
  for (const tier of tiers(term)) {
    const rows = await run(Prisma.sql`${tier} LIMIT ${skip + limit - page.length}`);
    page.push(...rows.slice(skip));
    skip = Math.max(0, skip - rows.length);
    if (page.length === limit) break;
  }
  return page;
}

export function findHits(db: Db, term: string, limit: number, offset: number): Promise<Hit[]> {
  return pageOfHits((statement) => rawReads(db).$queryRaw<Hit[]>(statement), term, limit, offset);
}

/** How many entities the query finds: for a gram query, an index-only count of its SearchGram rows. */
export function countStatement(term: string): Prisma.Sql {
  return isGramQuery(term)
    ? Prisma.sql`SELECT count(*)::int AS count FROM "SearchGram" WHERE "gram" = ${term}`
    : Prisma.sql`SELECT count(*)::int AS count FROM (
        SELECT "entityType", "entityId" FROM "SearchTerm"
        WHERE "term" LIKE ${`%${likePattern(term)}%`} OR (${beginsWith(Prisma.raw('"initials"'), term)})
        GROUP BY "entityType", "entityId") AS hit`;
}

export async function countHits(db: Db, term: string): Promise<number> {
  const [row] = await rawReads(db).$queryRaw<{ count: number }[]>(countStatement(term));
  return row?.count ?? 0;
}
