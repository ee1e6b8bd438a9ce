import type { SearchEntityType } from '../generated/prisma/enums.js';
import type { Db } from './client.js';

export type { SearchEntityType };

export interface Hit {
  entityType: SearchEntityType;
  entityId: number;
}

function likePattern(term: string) {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function findHits(db: Db, term: string, limit: number, offset: number): Promise<Hit[]> {
  const like = likePattern(term);
  return db.$queryRaw<Hit[]>`
    SELECT "entityType", "entityId"
    FROM "SearchTerm"
    WHERE "term" LIKE ${`%${like}%`}
    GROUP BY "entityType", "entityId"
    ORDER BY max(CASE WHEN "term" = ${term} THEN 4 WHEN "term" LIKE ${`${like}%`} THEN 2 ELSE 1 END
                 + CASE WHEN "isName" THEN 1 ELSE 0 END) DESC,
             min(length("term")), "entityType", "entityId"
    LIMIT ${limit} OFFSET ${offset}`;
}

export async function countHits(db: Db, term: string): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(DISTINCT ("entityType", "entityId")) AS count FROM "SearchTerm" WHERE "term" LIKE ${`%${likePattern(term)}%`}`;
  return Number(row?.count ?? 0);
}
