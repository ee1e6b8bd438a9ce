import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { projectRoot } from '../config.js';
import type { SessionQuery } from './database.js';

export const schemaPath = path.join(projectRoot, 'prisma', 'schema.prisma');
export const migrationsDir = path.join(projectRoot, 'prisma', 'migrations');
const noFilter: SchemaFilter = { externalTables: [], externalEnums: [] };

let instantiated: Promise<void> | undefined;

// The package entry imports the .wasm as an ES module, which Node 20 cannot load.
function instantiateWasm(): Promise<void> {
  instantiated ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(
      path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')),
      'schema_engine_bg.wasm',
    );
    const imports: Record<string, unknown> = { ...bindings };
    // The engine never clears its timers (its 10 s wait for the migration lock among them), which kept
    // a finished `npm run db:migrate` from exiting for 10 s.
    for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
      const schedule = imports[name] as (callback: () => void, ms: number) => NodeJS.Timeout;
      imports[name] = (callback: () => void, ms: number) => schedule(callback, ms).unref();
    }
    const { instance } = await WebAssembly.instantiate(await fs.readFile(wasmPath), {
      './schema_engine_bg.js': imports as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
    (bindings as unknown as { __wbg_set_wasm(e: unknown): void }).__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return instantiated;
}

async function readSchema() {
  return { files: [{ path: schemaPath, content: await fs.readFile(schemaPath, 'utf8') }] };
}

export async function readMigrations(): Promise<MigrationList> {
  const entries = await fs.readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: await fs.readFile(lockPath, 'utf8').catch(() => null) },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => {
        const file = path.join(migrationsDir, dir, 'migration.sql');
        const content = await fs.readFile(file, 'utf8').then(
          (value) => ({ tag: 'ok' as const, value }),
          (error: Error) => ({ tag: 'error' as const, value: error.message }),
        );
        return { path: dir, migrationFile: { path: 'migration.sql', content } };
      }),
    ),
  };
}

/** Prisma's schema engine (its WebAssembly build) bound to a driver adapter. */
export async function openSchemaEngine(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  await instantiateWasm();
  const { SchemaEngine: Engine } = bindings as unknown as { SchemaEngine: typeof SchemaEngine };
  const datamodels: [string, string][] = (await readSchema()).files.map((f) => [f.path, f.content]);
  return Engine.new({ datamodels }, () => {}, bindMigrationAwareSqlAdapterFactory(adapter));
}

export async function applyMigrations(engine: SchemaEngine): Promise<string[]> {
  const { appliedMigrationNames } = await engine.applyMigrations({
    migrationsList: await readMigrations(),
    filters: noFilter,
  });
  return appliedMigrationNames;
}

/**
 * Prisma's engine does not read a B-tree index's operator class back (prisma/orm#17518), so every diff drops
 * and creates again each such index: a drop followed by a creation exactly as a migration wrote it is no change.
 */
function withoutRecreatedIndexes(diff: string, migrations: MigrationList): string {
  const written = migrations.migrationDirectories
    .map((dir) => (dir.migrationFile.content.tag === 'ok' ? dir.migrationFile.content.value : ''))
    .join('\n');
  const blocks = diff.split(/\n\s*\n/).map((block) => block.trim());
  const indexOf = (block: string, statement: RegExp) => statement.exec(block)?.[1];
  const dropped = new Set(blocks.map((block) => indexOf(block, /^-- DropIndex\nDROP INDEX "([^"]+)";$/)));
  const recreated = new Set(
    blocks
      .filter((block) => written.includes(block.replace(/^-- CreateIndex\n/, '')))
      .map((block) => indexOf(block, /^-- CreateIndex\nCREATE (?:UNIQUE )?INDEX "([^"]+)"/))
      .filter((name) => name && dropped.has(name)),
  );
  return blocks
    .filter(
      (block) =>
        !recreated.has(indexOf(block, /^-- (?:Drop|Create)Index\n(?:DROP |CREATE (?:UNIQUE )?)INDEX "([^"]+)"/)),
    )
    .join('\n\n');
}

/** The SQL that would bring a database built from the migrations to the Prisma schema; empty when they agree. */
export async function diffMigrationsToSchema(engine: SchemaEngine): Promise<string> {
  const migrations = await readMigrations();
  const result = await engine.diff({
    from: { tag: 'migrations', ...migrations },
    to: { tag: 'schemaDatamodel', ...(await readSchema()) },
    script: true,
    exitCode: null,
    filters: noFilter,
  });
  return withoutRecreatedIndexes((result.stdout ?? '').trim(), migrations);
}

export async function createMigration(engine: SchemaEngine, name: string, draft: boolean) {
  return engine.createMigration({
    draft,
    migrationName: name,
    migrationsList: await readMigrations(),
    schema: await readSchema(),
    filters: noFilter,
  });
}

// The advisory lock Prisma's schema engine holds while it migrates.
const prismaMigrationLock = 72707369;

/**
 * A migration cut off midway (the process stopped during a first start) stays recorded as started,
 * and Prisma then refuses every later deploy (P3009). Each migration's script runs as one batch of
 * statements, one transaction, so an unfinished one changed nothing: it is marked rolled back, as
 * `prisma migrate resolve --rolled-back` would, and is applied again. Left alone while another
 * process migrates. Returns the names released.
 */
export async function releaseUnfinishedMigrations(query: SessionQuery): Promise<string[]> {
  const [ledger] = await query<{ exists: boolean }>(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists`);
  if (!ledger?.exists) return [];
  const [lock] = await query<{ free: boolean }>(`SELECT pg_try_advisory_lock(${prismaMigrationLock}) AS free`);
  if (!lock?.free) return [];
  try {
    const rows = await query<{ migration_name: string }>(
      `UPDATE _prisma_migrations SET rolled_back_at = now()
       WHERE finished_at IS NULL AND rolled_back_at IS NULL RETURNING migration_name`,
    );
    return rows.map((row) => row.migration_name);
  } finally {
    await query(`SELECT pg_advisory_unlock(${prismaMigrationLock})`);
  }
}

/**
 * Whether every migration of the folder is recorded as applied, with the checksum Prisma records
 * (sha256 of its script): then there is nothing for the schema engine to do, and starting it (half a
 * second of WebAssembly) is skipped.
 */
export async function migrationsUpToDate(query: SessionQuery): Promise<boolean> {
  const [ledger] = await query<{ exists: boolean }>(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists`);
  if (!ledger?.exists) return false;
  const applied = await query<{ migration_name: string; checksum: string }>(
    'SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  const checksums = new Map(applied.map((row) => [row.migration_name, row.checksum]));
  const { migrationDirectories } = await readMigrations();
  return migrationDirectories.every(
    ({ path: name, migrationFile: { content } }) =>
      content.tag === 'ok' && checksums.get(name) === createHash('sha256').update(content.value).digest('hex'),
  );
}
