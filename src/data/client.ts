import { PrismaClient } from '../generated/prisma/client.js';
import type { Database } from './database.js';

/** Prisma's client over a database's adapter. */
export function createClient(database: Database) {
  // Any other format captures a stack trace on every call, for a code frame in the message of an error.
  return new PrismaClient({ adapter: database.adapter, errorFormat: 'minimal' });
}

export type Db = ReturnType<typeof createClient>;
