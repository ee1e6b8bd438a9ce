import type { Prisma, Revision } from '../generated/prisma/client.js';
import type { RevisionAction } from '../generated/prisma/enums.js';
import type { Db } from './client.js';

export type Tx = Prisma.TransactionClient;

/** What changed, field by field. */
export type Changes = Record<string, { before: unknown; after: unknown }>;

export interface RevisionInput {
  actor: string;
  action: RevisionAction;
  entityType: string;
  entityId: number;
  changes: Changes;
  reason?: string | null;
  revertsId?: number;
}

/** Where a change is written: the client, and what must learn of its revisions once they have committed. */
export interface Writer {
  db: Db;
  committed?: (revisions: Revision[]) => Promise<void>;
}

const written = new WeakMap<Tx, Revision[]>();

/** Records a revision in the transaction of the change it describes. */
export async function record(tx: Tx, revision: RevisionInput) {
  const row = await tx.revision.create({
    data: { ...revision, changes: revision.changes as Prisma.InputJsonValue, reason: revision.reason ?? null },
  });
  written.get(tx)?.push(row);
  return row;
}

/**
 * Runs a change and the revisions it records as one transaction: all of it commits or none.
 * Read committed: a conditional UPDATE waits for a concurrent writer of its row and then sees its commit.
 * The writer's `committed` learns of the revisions before the change's caller does.
 */
export async function inTransaction<T>(writer: Writer, change: (tx: Tx) => Promise<T>): Promise<T> {
  const revisions: Revision[] = [];
  const result = await writer.db.$transaction(
    (tx) => {
      written.set(tx, revisions);
      return change(tx);
    },
    { maxWait: 5_000, timeout: 15_000 },
  );
  if (revisions.length) await writer.committed?.(revisions);
  return result;
}
