import { readDatabaseConfig } from './config.js';
import { openDatabase } from './database.js';
import { PrismaClient } from './generated/prisma/client.js';

/** The process's database, chosen by DATABASE_URL / DATA_DIR. */
export const database = openDatabase(readDatabaseConfig());

export const db = new PrismaClient({ adapter: database.adapter });

export type Db = typeof db;
