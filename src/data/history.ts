import type { Prisma } from '../generated/prisma/client.js';
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

/** Records a revision in the transaction of the change it describes. */
export function record(tx: Tx, revision: RevisionInput) {
  return tx.revision.create({
    data: { ...revision, changes: revision.changes as Prisma.InputJsonValue, reason: revision.reason ?? null },
  });
}

/**
 * Runs a change and the revisions it records as one transaction: all of it commits or none.
 * Read committed: a conditional UPDATE waits for a concurrent writer of its row and then sees its commit.
 */
export function inTransaction<T>(db: Db, change: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(change, { maxWait: 5_000, timeout: 15_000 });
}
