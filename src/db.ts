import { readDatabaseConfig } from './config.js';
import { openDatabase } from './database.js';
import { PrismaClient } from './generated/prisma/client.js';

/** The process's database, chosen by DATABASE_URL / DATA_DIR. */
export const database = openDatabase(readDatabaseConfig());

// Any other format captures a stack trace on every call, for a code frame in the message of an error.
export const db = new PrismaClient({ adapter: database.adapter, errorFormat: 'minimal' });

export type Db = typeof db;
