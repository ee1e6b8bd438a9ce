import type { Commitment, Revision } from '../generated/prisma/client.js';
import type { CommitmentStatus } from '../generated/prisma/enums.js';
import type { Database } from './database.js';

/** What a quote made as evidence of a status holds in its key, telling it from the quotes of seeding. */
export const evidenceKeyMark = ':evidence:';

export interface StatusChangeInput {
  commitmentId: number;
  expectedVersion: number;
  status: CommitmentStatus;
  /** YYYY-MM-DD. */
  asOf: string;
  evidence: { documentId: number; start: number; end: number; text: string };
  /** The evidence document's global ID, as the revision records it. */
  documentGlobalId: string;
  actor: string;
  reason: string | null;
}

/** The commitment as the statement found it, for telling why nothing was written. */
export interface StatusChangeState {
  status: CommitmentStatus;
  version: number;
  year: number;
  /** The day the latest recorded status holds from, YYYY-MM-DD; null while the source's PLEDGED stands. */
  latestAsOf: string | null;
  /** The evidence document's cleaned text from start to end, and its length; null when there is no such document. */
  span: string | null;
  documentLength: number | null;
}

export type StatusChangeResult =
  | { written: true; commitment: Commitment; revision: Revision }
  | { written: false; current: StatusChangeState | null };

// One statement, so one round trip and atomic without a transaction around it: the checks, the conditional
// update of status and version (of concurrent writers with one expected version, one matches), the evidence
// quote (made once per commitment and span, found again after), the revision, and the status history's new entry. When a check
// fails nothing is written and the commitment's state comes back, for the caller to say which check.
const statusChangeSql = `WITH "current" AS (
    SELECT c."id", c."key", c."status", c."version", a."year",
      (SELECT to_char(s."asOf", 'YYYY-MM-DD') FROM "CommitmentStatusChange" s
        WHERE s."commitmentId" = c."id" ORDER BY s."asOf" DESC, s."id" DESC LIMIT 1) AS "latestAsOf",
      d."span", d."documentLength"
    FROM "Commitment" c JOIN "Agreement" a ON a."id" = c."agreementId"
    LEFT JOIN LATERAL (SELECT substr(t."text", $6 + 1, greatest($7 - $6, 0)) AS "span", char_length(t."text") AS "documentLength"
      FROM "SourceDocument" t WHERE t."id" = $5) d ON TRUE
    WHERE c."id" = $1
  ), "allowed" AS (
    SELECT * FROM "current"
    WHERE "version" = $2 AND "status" <> $3::"CommitmentStatus"
      AND $4::date >= make_date("year", 1, 1) AND $4::date >= coalesce("latestAsOf"::date, make_date("year", 1, 1))
      AND $6 >= 0 AND $6 < $7 AND $7 <= "documentLength" AND "span" = $8
  ), "updated" AS (
    UPDATE "Commitment" t SET "status" = $3::"CommitmentStatus", "version" = t."version" + 1
    FROM "allowed" WHERE t."id" = "allowed"."id" AND t."version" = $2
    RETURNING t.*, "allowed"."status" AS "before"
  ), "quoted" AS (
    SELECT q."id" FROM "SourceQuote" q CROSS JOIN "updated" u
    WHERE q."documentId" = $5 AND q."key" = 'commitment:' || u."key" || '${evidenceKeyMark}' || $6 || '-' || $7
  ), "inserted" AS (
    INSERT INTO "SourceQuote" ("key", "documentId", "start", "end", "text", "commitmentId")
    SELECT 'commitment:' || u."key" || '${evidenceKeyMark}' || $6 || '-' || $7, $5, $6, $7, $8, u."id" FROM "updated" u
    WHERE NOT EXISTS (SELECT FROM "quoted")
    RETURNING "id"
  ), "quote" AS (
    SELECT "id" FROM "quoted" UNION ALL SELECT "id" FROM "inserted"
  ), "revision" AS (
    INSERT INTO "Revision" ("actor", "action", "entityType", "entityId", "changes", "reason")
    SELECT $10, 'UPDATE', 'Commitment', u."id", jsonb_build_object(
        'status', jsonb_build_object('before', u."before", 'after', u."status"),
        'statusHistory', jsonb_build_object('before', NULL, 'after', jsonb_build_object(
          'status', u."status", 'asOf', $4::text, 'evidenceQuoteId', q."id",
          'evidence', jsonb_build_object('documentId', $9::text, 'start', $6, 'end', $7, 'text', $8)))), $11
    FROM "updated" u CROSS JOIN "quote" q
    RETURNING *
  ), "entry" AS (
    INSERT INTO "CommitmentStatusChange" ("commitmentId", "status", "asOf", "evidenceId", "revisionId")
    SELECT r."entityId", $3::"CommitmentStatus", $4::date, q."id", r."id" FROM "revision" r CROSS JOIN "quote" q
    RETURNING "id"
  )
  SELECT (SELECT to_jsonb(u) - 'before' FROM "updated" u) AS "commitment",
    (SELECT to_jsonb(r) FROM "revision" r) AS "revision",
    (SELECT to_jsonb(c) - 'id' - 'key' FROM "current" c) AS "current",
    (SELECT count(*) FROM "entry")::int AS "entries"`;

/** Records a commitment's new status with its evidence, revision and history entry, all or nothing. */
export async function changeCommitmentStatus(
  database: Database,
  input: StatusChangeInput,
): Promise<StatusChangeResult> {
  const { evidence } = input;
  const [row] = await database.query<{
    commitment: Commitment | null;
    revision: (Omit<Revision, 'at'> & { at: string }) | null;
    current: StatusChangeState | null;
    entries: number;
  }>(statusChangeSql, [
    input.commitmentId,
    input.expectedVersion,
    input.status,
    input.asOf,
    evidence.documentId,
    evidence.start,
    evidence.end,
    evidence.text,
    input.documentGlobalId,
    input.actor,
    input.reason,
  ]);
  if (row?.commitment && row.revision && row.entries === 1)
    return { written: true, commitment: row.commitment, revision: { ...row.revision, at: new Date(row.revision.at) } };
  return { written: false, current: row?.current ?? null };
}

/** A commitment's version now, or null when it is gone. */
export async function commitmentVersion(database: Database, id: number): Promise<number | null> {
  const [row] = await database.query<{ version: number }>('SELECT "version" FROM "Commitment" WHERE "id" = $1', [id]);
  return row?.version ?? null;
}
