import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { type Database, openDatabase } from '../../src/data/database.js';
import {
  applyMigrations,
  diffMigrationsToSchema,
  migrationsUpToDate,
  openSchemaEngine,
  readMigrations,
} from '../../src/data/migrations.js';
import { PageLoaders, readPage } from '../../src/data/page-loader.js';
import { prepareDatabase } from '../../src/data/prepare.js';
import { nodeJoinSource } from '../../src/data/relations.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { SeedDataError } from '../../src/seed/documents.js';
import { seedDocument, seedDocuments } from '../../src/seed/write.js';
import { agreement, article, curated, withEntities } from '../support/article.js';
import { useSeededDatabase } from '../support/database.js';
import { withEmptyDatabase } from '../support/server-database.js';
import { snapshotTables } from '../support/tables.js';

const { db, database } = useSeededDatabase();

describe('migrations', () => {
  it('are up to date, without the schema engine, only while every one is recorded applied with its checksum', async () => {
    const query = async <Row>(sql: string) => (await db.$queryRawUnsafe(sql)) as Row[];
    expect(await migrationsUpToDate(query)).toBe(true);
    const [last] = await query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1',
    );
    const setChecksum = (checksum: string) =>
      db.$executeRawUnsafe(
        'UPDATE _prisma_migrations SET checksum = $1 WHERE migration_name = $2',
        checksum,
        last?.migration_name,
      );
    await setChecksum('edited since it was applied');
    expect(await migrationsUpToDate(query)).toBe(false);
    await setChecksum(last?.checksum ?? '');
    expect(await migrationsUpToDate(query)).toBe(true);
  });

  // The diff replays the migrations into a scratch shadow database: an embedded one, whichever
  // database this file runs on (adapter-pg's shadow database ignores the database in a URL).
  it('agree with prisma/schema.prisma: the engine diff is empty', async () => {
    const scratch = openDatabase({ kind: 'embedded', dataDir: 'memory://' });
    const engine = await openSchemaEngine(scratch.adapter);
    try {
      expect(await diffMigrationsToSchema(engine)).toMatch(/^(-- This is an empty migration\.?)?$/);
    } finally {
      engine.free();
      await scratch.close();
    }
  });
  it('leave no timer of the schema engine holding the process open once migrating is done', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
    const scratch = openDatabase({ kind: 'embedded', dataDir: 'memory://' });
    const before = timers();
    const engine = await openSchemaEngine(scratch.adapter);
    try {
      expect(await applyMigrations(engine)).toHaveLength((await readMigrations()).migrationDirectories.length);
      expect(timers()).toBeLessThanOrEqual(before);
    } finally {
      engine.free();
      await scratch.close();
    }
  });
});

describe('the seeded database', () => {
  it('holds the article graph with the counts the article gives', async () => {
    expect(await db.agreement.count()).toBe(1);
    expect(await db.official.count()).toBe(5);
    expect(await db.relatedReport.count()).toBe(10);
    expect(await db.party.count()).toBe(curated.parties.length);
    expect(await db.commitment.count()).toBe(curated.commitments.length);
    expect(await db.cooperationArea.count()).toBe(agreement.cooperationAreas.length);
    const signatories = await db.agreementParty.findMany({ select: { party: { select: { key: true } } } });
    expect(signatories.map((s) => s.party.key).sort()).toEqual(['hubei-quality-bureau', 'xiangyang-city']);
  });

  it('stores quotes that are exactly text.slice(start, end) of the stored document', async () => {
    const doc = await db.sourceDocument.findFirstOrThrow({ include: { quotes: true } });
    expect(doc.text).toBe(article.text);
    expect(doc.quotes.length).toBeGreaterThan(40);
    for (const q of doc.quotes) expect(doc.text.slice(q.start, q.end)).toBe(q.text);
  });

  it('gives every entity at least one quote', async () => {
    const without = await Promise.all([
      db.agreement.count({ where: { quotes: { none: {} } } }),
      db.party.count({ where: { quotes: { none: {} } } }),
      db.official.count({ where: { quotes: { none: {} } } }),
      db.participation.count({ where: { quotes: { none: {} } } }),
      db.commitment.count({ where: { quotes: { none: {} } } }),
      db.industry.count({ where: { quotes: { none: {} } } }),
      db.relatedReport.count({ where: { quotes: { none: {} } } }),
    ]);
    expect(without).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('keeps exact market sizes', async () => {
    const satellite = await db.relatedReport.findFirstOrThrow({ where: { marketSizeText: '2900億美元' } });
    expect(satellite.marketSizeAmount?.toFixed(0)).toBe('290000000000');
    expect(satellite.marketSizeCurrency).toBe('USD');
  });

  it('refuses a quote that is not the span it claims, and a row without a name', async () => {
    const doc = await db.sourceDocument.findFirstOrThrow();
    const party = await db.party.findFirstOrThrow();
    await expect(
      db.sourceQuote.create({
        data: { key: 'bad', documentId: doc.id, start: 0, end: 2, text: '湖北', partyId: party.id },
      }),
    ).rejects.toThrow();
    await expect(
      db.party.create({ data: { key: 'empty', nameZhHant: ' ', nameZhHans: ' ', kind: 'OTHER' } }),
    ).rejects.toThrow();
    await expect(
      db.sourceQuote.create({
        data: { key: 'backwards', documentId: doc.id, start: 2, end: 2, text: '', partyId: party.id },
      }),
    ).rejects.toThrow();
  });
});

describe('seeding', () => {
  it('changes nothing when run twice', async () => {
    const before = await snapshotTables(db);
    await seedDocument(db, article);
    expect(await snapshotTables(db)).toEqual(before);
  });

  it('updates rows in place after a data fix, never duplicating them', async () => {
    const city = await db.party.findUniqueOrThrow({ where: { key: 'xiangyang-city' } });
    const fixed = {
      ...curated,
      parties: curated.parties.map((p) =>
        p.key === 'xiangyang-city' ? { ...p, name: { ...p.name, en: 'City of Xiangyang' } } : p,
      ),
    };
    const counts = await db.party.count();
    await seedDocument(db, withEntities(fixed));
    const after = await db.party.findUniqueOrThrow({ where: { key: 'xiangyang-city' } });
    expect(after).toMatchObject({ id: city.id, nameEn: 'City of Xiangyang' });
    expect(await db.party.count()).toBe(counts);
    await seedDocument(db, article);
    expect((await db.party.findUniqueOrThrow({ where: { key: 'xiangyang-city' } })).nameEn).toBe(city.nameEn);
  });

  it('is done again on start when the search terms were seeded before initials and grams existed', async () => {
    const before = await snapshotTables(db);
    await db.searchGram.deleteMany();
    await db.searchTerm.updateMany({ data: { initials: null } });
    expect(await prepareDatabase(database, { db, seed: seedDocuments })).toMatchObject({ seeded: true });
    expect(await snapshotTables(db)).toEqual(before);
    expect(await prepareDatabase(database, { db, seed: seedDocuments })).toMatchObject({ seeded: false });
  });

  it('writes nothing when the data is invalid', async () => {
    const before = await snapshotTables(db);
    const broken = { ...curated, commitments: [{ ...curated.commitments[0], committedBy: ['no-such-party'] }] };
    await expect(seedDocument(db, withEntities(broken))).rejects.toThrow(SeedDataError);
    expect(await snapshotTables(db)).toEqual(before);
  });
});

describe('prepared statements', () => {
  it.runIf(process.env.TEST_DATABASE_URL)(
    'names only a bounded number of Prisma reads, and every read past the bound still answers',
    async () => {
      const all = await db.party.findMany({ orderBy: { id: 'asc' } });
      const columns = ['key', 'nameZhHant', 'nameZhHans', 'nameEn', 'namePinyin', 'aliases', 'kind'] as const;
      // 60 selections of different columns: 60 statement texts, more than the 48 Prisma reads that get names.
      const selections = Array.from({ length: 60 }, (_, i) => columns.filter((_, bit) => ((i + 1) >> bit) & 1));
      const prepared = await db.$transaction(async (tx) => {
        for (const picked of selections) {
          const select = Object.fromEntries([['id', true], ...picked.map((column) => [column, true])]);
          const rows = await tx.party.findMany({ select, orderBy: { id: 'asc' } });
          expect(rows).toEqual(
            all.map((party) => Object.fromEntries(Object.keys(select).map((k) => [k, party[k as 'id']]))),
          );
        }
        return tx.$queryRaw<
          { n: number }[]
        >`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'stmt_%'`;
      });
      expect(prepared[0]?.n).toBeGreaterThan(0);
      expect(prepared[0]?.n).toBeLessThanOrEqual(48);
    },
  );
  it.runIf(process.env.TEST_DATABASE_URL)(
    'settle on a generic plan for a node by id and for a top-level page, so that no call is planned afresh',
    async () => {
      const one = openDatabase({
        kind: 'server',
        url: process.env.DATABASE_URL as string,
        poolSize: 1,
        replicaUrls: [],
      });
      try {
        const [commitment] = await one.query<{ id: number }>('SELECT id FROM "Commitment" ORDER BY id LIMIT 1', []);
        const node = nodeJoinSource('Commitment', { agreement: { include: { parties: { include: { party: {} } } } } });
        const sent: string[] = [];
        one.statementListeners.add((sql) => void sent.push(sql));
        for (let call = 0; call < 8; call++) {
          expect(await new PageLoaders(one).joined(node).load(commitment?.id ?? 0)).toHaveLength(1);
          expect(await readPage(one, 'Party', ['id'], { take: 5, skip: 0 }, ['id', 'nameEn'], {})).toHaveLength(5);
        }
        const plans = await one.query<{ statement: string; generic_plans: number; custom_plans: number }>(
          'SELECT statement, generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE statement = ANY($1)',
          [[...new Set(sent)]],
        );
        // PostgreSQL may plan the first five calls for their values; from then on it must keep the generic plan.
        expect(plans).toHaveLength(2);
        for (const { statement, generic_plans, custom_plans } of plans) {
          expect(generic_plans + custom_plans, statement).toBe(8);
          expect(custom_plans, statement).toBeLessThanOrEqual(5);
        }
      } finally {
        await one.close();
      }
    },
  );
});

const server = (url: string) => {
  const database = openDatabase({ kind: 'server', url, poolSize: 4, replicaUrls: [] });
  return { database, db: new PrismaClient({ adapter: database.adapter }) };
};

describe.runIf(process.env.TEST_DATABASE_URL)('preparing a server database', () => {
  const advisoryLocks = async (client: pg.Client) =>
    (
      await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks
         WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      )
    ).rows[0]?.n;

  it('leaves no lock held once the server runs, so another process can migrate', async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      expect(await db.agreement.count()).toBe(1);
      expect(await advisoryLocks(client)).toBe(0);
    } finally {
      await client.end();
    }
  });

  it('lets two servers start at once on an empty database: one migrates and seeds, the other finds it done', async () => {
    await withEmptyDatabase(async (url) => {
      const [a, b] = [server(url), server(url)];
      try {
        const results = await Promise.all([
          prepareDatabase(a.database, { db: a.db, seed: seedDocuments }),
          prepareDatabase(b.database, { db: b.db, seed: seedDocuments }),
        ]);
        expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);
        expect(results.map((r) => r.applied.length).sort()).toEqual([
          0,
          (await readMigrations()).migrationDirectories.length,
        ]);
        expect(await b.db.party.count()).toBe(curated.parties.length);
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        expect(await advisoryLocks(client)).toBe(0);
        await client.end();
      } finally {
        for (const { database, db } of [a, b]) {
          await db.$disconnect();
          await database.close();
        }
      }
    });
  });

  const backends = async (admin: pg.Client, url: string) =>
    (
      await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [
        new URL(url).pathname.slice(1),
      ])
    ).rows.map((row) => row.pid);

  it('closes with every connection ended, and survives the server ending an idle one', async () => {
    await withEmptyDatabase(async (url) => {
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      const { database, db } = server(url);
      const errors: unknown[] = [];
      const record = (error: unknown) => errors.push(error);
      process.on('uncaughtException', record);
      try {
        await Promise.all(Array.from({ length: 4 }, () => database.query('SELECT pg_sleep(0.05)', [])));
        const idle = await backends(admin, url);
        expect(idle.length).toBeGreaterThan(1);
        await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [idle]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(await database.query<{ one: number }>('SELECT 1 AS one', [])).toEqual([{ one: 1 }]);
        await db.$disconnect();
        await database.close();
        expect(await backends(admin, url)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        process.off('uncaughtException', record);
        await admin.end();
      }
    });
  });

  it('gives up with a clear error while another process holds the database, and changes nothing', async () => {
    await withEmptyDatabase(async (url) => {
      const holder = new pg.Client({ connectionString: url });
      await holder.connect();
      const { database, db } = server(url);
      try {
        await holder.query(`SELECT pg_advisory_lock(hashtext('xiangyang-quality-graph: prepare'))`);
        const prepare = vi.fn(async () => 'ran');
        await expect(database.preparing(prepare, 1)).rejects.toThrow(
          /Another process has been migrating or seeding this database for 1 s/,
        );
        expect(prepare).not.toHaveBeenCalled();
        await holder.query(`SELECT pg_advisory_unlock_all()`);
        expect(await database.preparing(prepare, 1)).toBe('ran');
      } finally {
        await holder.end();
        await db.$disconnect();
        await database.close();
      }
    });
  });
});

describe('a first start cut off while migrating', () => {
  const dieMigrating = async (target: string) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/die-migrating.ts', target], {
      cwd: path.resolve(import.meta.dirname, '..', '..'),
    });
    const [code, signal] = await once(child, 'exit');
    return signal ?? code;
  };

  async function expectNextStartRecovers(database: Database) {
    const db = new PrismaClient({ adapter: database.adapter });
    try {
      const names = (await readMigrations()).migrationDirectories.map((migration) => migration.path);
      expect(await prepareDatabase(database, { db, seed: seedDocuments })).toEqual({
        released: [names[0]],
        applied: names,
        seeded: true,
      });
      expect(await db.party.count()).toBe(curated.parties.length);
    } finally {
      await db.$disconnect();
      await database.close();
    }
  }

  it('is migrated and seeded in full on the next start', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'datadir-')), 'db');
    expect(await dieMigrating(dir)).toBe('SIGKILL');
    await expectNextStartRecovers(openDatabase({ kind: 'embedded', dataDir: dir }));
  });

  it.runIf(process.env.TEST_DATABASE_URL)('the same on a server database', async () => {
    await withEmptyDatabase(async (url) => {
      expect(await dieMigrating(url)).toBe('SIGKILL');
      await expectNextStartRecovers(openDatabase({ kind: 'server', url, poolSize: 2, replicaUrls: [] }));
    });
  });
});
