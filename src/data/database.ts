import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPg } from '@prisma/adapter-pg';
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { ConfigError, type DatabaseConfig } from '../config.js';
import { Prisma } from '../generated/prisma/client.js';
import { readTemplate } from './embedded-template.js';

/** Where a statement was sent: the primary (or the embedded database), or a read replica. */
export type StatementTarget = 'primary' | 'replica';
export type StatementListener = (sql: string, target: StatementTarget) => void;

/** A streaming replica of the server database (DATABASE_REPLICA_URLS), with a pool of its own. */
export interface Replica {
  /** Its URL with the password masked. */
  name: string;
  /** Prisma's adapter over its pool: a statement the replica cannot take runs on the primary instead. */
  adapter: SqlDriverAdapterFactory;
  /** One statement on the replica itself, never on the primary: for health checks. */
  query<Row>(sql: string, params: unknown[]): Promise<Row[]>;
  /** Whether it is left out of reads for now, since it could not be reached a moment ago. */
  resting(): boolean;
  poolUse(): { total: number; idle: number; waiting: number };
}
export type SessionQuery = <Row>(sql: string) => Promise<Row[]>;

export interface Database {
  config: DatabaseConfig;
  adapter: SqlMigrationAwareDriverAdapterFactory;
  /** Connections of the server pool (total, idle, waiting clients); null for the embedded database. */
  poolUse(): { total: number; idle: number; waiting: number } | null;
  /** Whether a new embedded database was made from the install's template (migrated and seeded already). */
  fromTemplate: boolean;
  /** The embedded database's data folder as a gzipped tarball, to start new ones from. */
  dump(): Promise<Blob>;
  /** Called with every SQL statement the application's queries send; for tests and benchmarks. */
  statementListeners: Set<StatementListener>;
  /**
   * Rows of one read statement straight from the driver, numerics as Prisma Decimals: for loaders
   * that build their own SQL and need none of Prisma's mapping of raw results.
   */
  query<Row>(sql: string, params: unknown[]): Promise<Row[]>;
  /** The read replicas of a server database; none without DATABASE_REPLICA_URLS. */
  replicas: Replica[];
  /**
   * This database as a request that writes nothing reads it: `query` on the replicas in turn, on the primary for
   * a statement whose replica cannot be reached (and for the next seconds); itself when it has no replicas.
   */
  forReads(): Database;
  /** Checks that the database answers; throws a ConfigError saying what to fix when it does not. */
  ping(): Promise<void>;
  /**
   * Runs `prepare` (migrating, seeding) with an adapter of its own while holding a lock that lets one
   * process at a time prepare a server database; the adapter's connections and the lock end with it.
   * `query` runs on the one session that holds the lock. Gives up with a ConfigError after waiting
   * `waitS` seconds for the lock.
   */
  /**
   * Calls `onMessage` with the payload of every notification on `channel` (sent when the notifying transaction
   * commits), and with null whenever some may have been missed: the server connection was lost and is back.
   * Resolves once listening; the function it resolves to stops.
   */
  listen(channel: string, onMessage: (payload: string | null) => void): Promise<() => Promise<void>>;
  preparing<T>(
    prepare: (adapter: SqlMigrationAwareDriverAdapterFactory, query: SessionQuery) => Promise<T>,
    waitS?: number,
  ): Promise<T>;
  close(): Promise<void>;
}

function embeddedPGlite(dataDir?: string, loadDataDir?: Blob) {
  return new PGlite({ dataDir, loadDataDir, extensions: { pg_trgm } });
}

/** PGlite's own factory makes shadow databases without extensions; migrations need pg_trgm there too. */
class EmbeddedAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@electric-sql/pglite';
  private readonly main: PrismaPGlite;

  constructor(readonly pglite: PGlite) {
    this.main = new PrismaPGlite(pglite);
  }

  connect(): Promise<SqlDriverAdapter> {
    return this.main.connect();
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadow = embeddedPGlite();
    const adapter = await new PrismaPGlite(shadow).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await shadow.close();
    };
    return adapter;
  }
}

type Queryable = Pick<SqlDriverAdapter, 'queryRaw' | 'executeRaw'>;

function observe<T extends Queryable>(
  queryable: T,
  listeners: Set<StatementListener>,
  target: StatementTarget = 'primary',
): T {
  const { queryRaw, executeRaw } = queryable;
  queryable.queryRaw = (query) => {
    for (const listener of listeners) listener(query.sql, target);
    return queryRaw.call(queryable, query);
  };
  queryable.executeRaw = (query) => {
    for (const listener of listeners) listener(query.sql, target);
    return executeRaw.call(queryable, query);
  };
  return queryable;
}

/** Wraps a factory so that the adapters it connects report each statement, transactions included. */
function observed<F extends SqlDriverAdapterFactory>(
  factory: F,
  listeners: Set<StatementListener>,
  target: StatementTarget = 'primary',
) {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = observe(await connect(), listeners, target);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) =>
      observe(await startTransaction(isolationLevel), listeners, target);
    return adapter;
  };
  return factory;
}

const numericOid = 1700;
const toDecimal = (text: string) => new Prisma.Decimal(text);
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === numericOid ? toDecimal : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

// Statements are prepared once per connection, so PostgreSQL parses each once and can settle on a
// generic plan. A prepared statement stays in its connection's memory, one of Prisma's nested reads
// some 300 kB of plans: the loaders' small fixed set is named up to a generous bound, Prisma's reads
// (one text per shape of selection a client asks for) only the first few dozen; the rest go unnamed.
const statementNames = new Map<string, string>();
const bounds = { loader: 500, prisma: 48 };
const named = { loader: 0, prisma: 0 };
function statementName(sql: string, kind: keyof typeof bounds = 'loader') {
  let name = statementNames.get(sql);
  if (!name && named[kind] < bounds[kind]) {
    named[kind] += 1;
    name = `stmt_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    statementNames.set(sql, name);
  }
  return name;
}
const prismaReads = /^\s*(SELECT|WITH)\b/i;

// adapter-pg splits scripts at every semicolon, which breaks function bodies in migrations:
// PostgreSQL's simple query protocol runs a whole script in one call.
function wholeScripts(factory: PrismaPg): PrismaPg {
  const patch = (adapter: SqlDriverAdapter) => {
    const { client } = adapter as unknown as { client: pg.Pool };
    adapter.executeScript = async (script) => {
      await client.query(script);
    };
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => patch(await connect()) as Awaited<ReturnType<PrismaPg['connect']>>;
  factory.connectToShadowDb = async () => patch(await connectToShadowDb()) as Awaited<ReturnType<PrismaPg['connect']>>;
  return factory;
}

function checkWritableDataDir(dataDir: string) {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'not writable';
    throw new ConfigError(
      `DATA_DIR ${dataDir} cannot be written (${reason}): point DATA_DIR at a folder this user can create and write.`,
    );
  }
}

const claimedDataDirs = new Set<string>();

function isRunning(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite lets any number of processes open one folder, and two PostgreSQL instances writing the same
 * files corrupt them: the folder holds the pid of the process using it, as PostgreSQL's own does.
 * Returns the release.
 */
function claimDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'in-use.pid');
  const inUse = (pid: number) =>
    new ConfigError(`DATA_DIR ${dataDir} is in use by process ${pid}: stop it, or set DATA_DIR to another folder.`);
  if (claimedDataDirs.has(file)) throw inUse(process.pid);
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.existsSync(file) && fs.readFileSync(file, 'utf8'));
      // A pid equal to ours was left by an earlier run (containers restart with the same pids).
      if (holder > 0 && holder !== process.pid && isRunning(holder)) throw inUse(holder);
      fs.rmSync(file, { force: true });
    }
  }
  claimedDataDirs.add(file);
  return () => {
    claimedDataDirs.delete(file);
    fs.rmSync(file, { force: true });
  };
}

const maskPassword = (url: string) => url.replace(/\/\/([^:@/]*)(:[^@/]*)?@/, '//$1:***@');

function describeServerError(url: string, error: unknown): string {
  const safeUrl = maskPassword(url);
  const err = error as { code?: string; message?: string };
  const reason = err.code ? `${err.code}: ${err.message}` : String(err.message ?? error);
  return `DATABASE_URL ${safeUrl} cannot be reached (${reason.split('\n')[0]}): check host, port, user, password and database name, or unset DATABASE_URL to use the embedded database.`;
}

function checkChannel(channel: string) {
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`${channel} is not a channel name`);
}

/** A session of its own that listens on the server and connects again, a second later, whenever it is lost. */
async function listenOnServer(url: string, channel: string, onMessage: (payload: string | null) => void) {
  checkChannel(channel);
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const session = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    session.on('notification', (message) => onMessage(message.payload ?? ''));
    session.on('error', () => {});
    session.on('end', () => {
      if (client !== session || stopped) return;
      client = null;
      retry = setTimeout(reconnect, 1000);
    });
    await session.connect();
    await session.query(`LISTEN ${channel}`);
    client = session;
    if (stopped) await session.end();
  };
  const reconnect = () =>
    connect().then(
      () => onMessage(null),
      () => {
        if (!stopped) retry = setTimeout(reconnect, 1000);
      },
    );
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end();
  };
}

const preparationLock = 'xiangyang-quality-graph: prepare';

function serverPool(url: string, max: number, timeouts?: { connectionTimeoutMillis: number; query_timeout: number }) {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000, ...timeouts });
  // An idle connection the server ended (a restart, a terminated backend): pg drops it and connects
  // anew on demand; without a listener the pool would rethrow it and end the process.
  pool.on('error', () => {});
  return pool;
}

const prismaOver = (pool: pg.Pool) =>
  wholeScripts(
    new PrismaPg(pool, {
      // An empty name leaves the statement unnamed.
      statementNameGenerator: ({ sql }) => (prismaReads.test(sql) && statementName(sql, 'prisma')) || '',
    }),
  );

function poolQuery(pool: pg.Pool, listeners: Set<StatementListener>, target: StatementTarget) {
  return async <Row>(sql: string, params: unknown[]) => {
    for (const listener of listeners) listener(sql, target);
    const result = await pool.query({ name: statementName(sql), text: sql, values: params, types: pgTypes });
    return result.rows as Row[];
  };
}

async function endPool(pool: pg.Pool) {
  if (pool.ended || pool.ending) return;
  // pool.end() resolves before its sockets close: wait for every connection to be gone.
  let open = pool.totalCount;
  const closed = new Promise<void>((resolve) => {
    if (open === 0) resolve();
    pool.on('remove', () => --open <= 0 && resolve());
  });
  await pool.end();
  await closed;
}

/**
 * Waits until every replica taking reads has replayed what the primary had written when this was called; false
 * when one has not within `timeoutMs` (it lags, or cannot be asked).
 */
export async function replayedOnReplicas(database: Database, timeoutMs = 10_000): Promise<boolean> {
  if (!database.replicas.length) return true;
  const [written] = await database.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS "lsn"', []);
  const deadline = Date.now() + timeoutMs;
  for (const replica of database.replicas) {
    for (;;) {
      if (replica.resting()) break;
      const [row] = await replica
        .query<{ replayed: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS "replayed"', [written?.lsn])
        .catch(() => []);
      if (row?.replayed) break;
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  return true;
}

/** How long a replica that could not be reached is left out of reads before it is tried again. */
const replicaRestMs = 5000;
/**
 * A replica that stopped answering (frozen, or its host gone without a reset) would hold a read until TCP gives up:
 * past these a read counts as unreachable and runs on the primary. The API's reads take milliseconds.
 */
const replicaTimeouts = { connectionTimeoutMillis: 3000, query_timeout: 3000 };

/**
 * Whether an error says that the server could not be reached or is going away (no SQLSTATE, or one of classes
 * 08 and 57), or that a replica cancelled a read for its recovery (40001), rather than that the statement is wrong.
 */
function unreachable(error: unknown) {
  const { code, cause } = error as { code?: unknown; cause?: { originalCode?: unknown } };
  const sqlState = typeof code === 'string' ? code : cause?.originalCode;
  return typeof sqlState !== 'string' || !/^[0-9A-Z]{5}$/.test(sqlState) || /^(08|57|40001)/.test(sqlState);
}

interface OpenReplica extends Replica {
  /** Whether `error` means the replica cannot be reached; if so it rests for a while. */
  failed(error: unknown): boolean;
  /** `query`, reported to the statement listeners. */
  read: Database['query'];
  close(): Promise<void>;
}

function openReplica(
  url: string,
  poolSize: number,
  listeners: Set<StatementListener>,
  primary: SqlDriverAdapterFactory,
): OpenReplica {
  const pool = serverPool(url, poolSize, replicaTimeouts);
  let restingUntil = 0;
  const resting = () => Date.now() < restingUntil;
  const failed = (error: unknown) => {
    if (!unreachable(error)) return false;
    restingUntil = Date.now() + replicaRestMs;
    return true;
  };
  const own = observed(prismaOver(pool), listeners, 'replica');
  const adapter: SqlDriverAdapterFactory = {
    provider: own.provider,
    adapterName: own.adapterName,
    async connect() {
      const reading = await own.connect();
      let fallback: Promise<SqlDriverAdapter> | undefined;
      const onPrimary = () => {
        fallback ??= primary.connect();
        return fallback;
      };
      const queryRaw = reading.queryRaw.bind(reading);
      reading.queryRaw = async (query) => {
        if (!resting())
          try {
            return await queryRaw(query);
          } catch (error) {
            if (!failed(error)) throw error;
          }
        return (await onPrimary()).queryRaw(query);
      };
      const dispose = reading.dispose.bind(reading);
      reading.dispose = async () => {
        await dispose();
        await (await fallback)?.dispose();
      };
      return reading;
    },
  };
  return {
    name: maskPassword(url),
    adapter,
    query: poolQuery(pool, new Set(), 'replica'),
    read: poolQuery(pool, listeners, 'replica'),
    resting,
    failed,
    poolUse: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => endPool(pool),
  };
}

/** Reads on the replicas in turn, skipping those at rest, and on the primary when none can take one. */
function replicaReads(replicas: OpenReplica[], primary: Database['query']): Database['query'] {
  let turn = 0;
  return async <Row>(sql: string, params: unknown[]) => {
    for (let tried = 0; tried < replicas.length; tried++) {
      const replica = replicas[turn++ % replicas.length] as OpenReplica;
      if (replica.resting()) continue;
      try {
        return await replica.read<Row>(sql, params);
      } catch (error) {
        if (!replica.failed(error)) throw error;
      }
    }
    return primary<Row>(sql, params);
  };
}

export function openDatabase(config: DatabaseConfig): Database {
  const statementListeners = new Set<StatementListener>();
  if (config.kind === 'server') {
    // One pool for Prisma and for the loaders' own statements, and one for each replica.
    const pool = serverPool(config.url, config.poolSize);
    const adapter = observed(prismaOver(pool), statementListeners);
    const replicas = config.replicaUrls.map((url) => openReplica(url, config.poolSize, statementListeners, adapter));
    const query = poolQuery(pool, statementListeners, 'primary');
    const database: Database = {
      config,
      adapter,
      statementListeners,
      query,
      replicas,
      forReads: () => (replicas.length ? reading : database),
      poolUse: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      fromTemplate: false,
      dump: () => Promise.reject(new Error('only the embedded database can be dumped to a data folder')),
      async ping() {
        let conn: SqlDriverAdapter | undefined;
        try {
          conn = await adapter.connect();
          await conn.queryRaw({ sql: 'SELECT 1', args: [], argTypes: [] });
        } catch (error) {
          throw new ConfigError(describeServerError(config.url, error));
        } finally {
          await conn?.dispose();
        }
      },
      listen: (channel, onMessage) => listenOnServer(config.url, channel, onMessage),
      async preparing(prepare, waitS = 60) {
        const lock = new pg.Client({ connectionString: config.url, connectionTimeoutMillis: 5000 });
        // Prisma's schema engine takes a session lock (pg_advisory_lock) and never releases it: through
        // the shared pool, one of its connections would hold it for the life of the process.
        const migrations = new pg.Pool({ connectionString: config.url, max: 2, connectionTimeoutMillis: 5000 });
        try {
          await lock.connect();
          await lock.query(`SET lock_timeout = '${waitS}s'`);
          await lock.query(`SELECT pg_advisory_lock(hashtext('${preparationLock}'))`).catch((error) => {
            if ((error as { code?: string }).code !== '55P03') throw error;
            throw new ConfigError(
              `Another process has been migrating or seeding this database for ${waitS} s (it holds the advisory lock hashtext('${preparationLock}')): let it finish, or stop it, then start again.`,
            );
          });
          const query: SessionQuery = async <Row>(sql: string) => (await lock.query(sql)).rows as Row[];
          return await prepare(wholeScripts(new PrismaPg(migrations)), query);
        } finally {
          await migrations.end();
          await lock.end();
        }
      },
      async close() {
        await Promise.all([endPool(pool), ...replicas.map((replica) => replica.close())]);
      },
    };
    const reading: Database = { ...database, query: replicaReads(replicas, query) };
    return database;
  }
  const inMemory = config.dataDir.startsWith('memory://');
  if (!inMemory) checkWritableDataDir(config.dataDir);
  const template =
    inMemory || fs.existsSync(path.join(config.dataDir, 'PG_VERSION')) ? undefined : readTemplate(config.template);
  const release = inMemory ? () => {} : claimDataDir(config.dataDir);
  const pglite = embeddedPGlite(inMemory ? undefined : path.resolve(config.dataDir), template);
  const adapter = observed(new EmbeddedAdapterFactory(pglite), statementListeners);
  const database: Database = {
    config,
    adapter,
    statementListeners,
    replicas: [],
    forReads: () => database,
    async query<Row>(sql: string, params: unknown[]) {
      for (const listener of statementListeners) listener(sql, 'primary');
      const result = await pglite.query<Row>(sql, params, { parsers: { [numericOid]: toDecimal } });
      return result.rows;
    },
    poolUse: () => null,
    fromTemplate: template !== undefined,
    dump: () => pglite.dumpDataDir('gzip') as Promise<Blob>,
    async listen(channel, onMessage) {
      checkChannel(channel);
      const stop = await pglite.listen(channel, (payload) => onMessage(payload));
      return async () => {
        if (!pglite.closed) await stop();
      };
    },
    preparing: (prepare) => prepare(adapter, async <Row>(sql: string) => (await pglite.query<Row>(sql)).rows),
    async ping() {
      try {
        await pglite.query('SELECT 1');
      } catch (error) {
        throw new ConfigError(
          `The embedded database in ${config.dataDir} cannot be opened (${(error as Error | undefined)?.message ?? String(error)}): move or delete that folder, or set DATA_DIR to another one.`,
        );
      }
    },
    async close() {
      if (!pglite.closed) await pglite.close();
      release();
    },
  };
  return database;
}
