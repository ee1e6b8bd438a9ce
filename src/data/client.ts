import { readReplicas } from '@prisma/extension-read-replicas';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Database } from './database.js';

// Any other format captures a stack trace on every call, for a code frame in the message of an error.
const errorFormat = 'minimal';

/** Prisma's client over a database's adapter. */
export function createClient(database: Database) {
  return new PrismaClient({ adapter: database.adapter, errorFormat });
}

export type Db = ReturnType<typeof createClient>;

/**
 * The client a request that writes nothing reads through: `db` itself without replicas; with them, `db` extended so
 * that its reads outside transactions go to a replica (its writes, transactions and raw statements stay on `db`).
 */
export function createReadClient(database: Database, db: Db): Db {
  if (!database.replicas.length) return db;
  const replicas = database.replicas.map((replica) => new PrismaClient({ adapter: replica.adapter, errorFormat }));
  // The extended client answers every model delegate and call the resolvers make as `db` does.
  return db.$extends(readReplicas({ replicas })) as unknown as Db;
}

/**
 * Where `db` sends a raw statement that only reads: a replica when `db` is a read client (the extension keeps raw
 * statements on the primary, as it cannot tell a read from a write), `db` itself otherwise.
 */
export function rawReads(db: Db): Db {
  const client = db as Db & { $replica?: () => Db };
  return client.$replica ? client.$replica() : db;
}
