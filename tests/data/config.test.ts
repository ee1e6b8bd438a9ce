import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config.js';
import { openDatabase } from '../../src/data/database.js';
import { withEmptyDatabase } from '../support/server-database.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');

async function seedWith(env: Record<string, string>) {
  const { DATABASE_URL: _u, DATA_DIR: _d, ...inherited } = process.env;
  try {
    await run(process.execPath, ['--import', 'tsx', 'scripts/seed.ts'], {
      cwd: root,
      env: { ...inherited, ...env },
    });
    return { code: 0, stderr: '' };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe('configuration', () => {
  it('reads PORT, DATABASE_URL, pool size and DATA_DIR', () => {
    expect(readConfig({})).toMatchObject({
      port: 4000,
      database: { kind: 'embedded', dataDir: path.join(root, '.data') },
    });
    expect(readConfig({ PORT: '5001', DATABASE_URL: 'postgres://u@h/db', DATABASE_POOL_SIZE: '3' })).toEqual({
      port: 5001,
      database: { kind: 'server', url: 'postgres://u@h/db', poolSize: 3, replicaUrls: [] },
    });
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => readConfig({ DATABASE_URL: 'mysql://h/db' })).toThrow(/must be a PostgreSQL URL/);
  });

  it('fails at start with one clear line when DATABASE_URL cannot be reached', async () => {
    const { code, stderr } = await seedWith({ DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/nothing' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^error: DATABASE_URL postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/nothing cannot be reached/);
    expect(stderr).not.toContain('secret');
  });

  it('fails at start with one clear line when DATA_DIR cannot be written, and writes nothing', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'datadir-')), 'a-file');
    fs.writeFileSync(file, '');
    const { code, stderr } = await seedWith({ DATA_DIR: path.join(file, 'db') });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^error: DATA_DIR .* cannot be written \(ENOTDIR\)/);
    expect(fs.readFileSync(file, 'utf8')).toBe('');
  });

  it('creates, migrates and seeds an embedded database from nothing', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'datadir-')), 'db');
    const { code, stderr } = await seedWith({ DATA_DIR: dir });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
  });

  it('refuses an embedded database another live process holds, and takes over one whose process is gone', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'datadir-')), 'db');
    expect(await seedWith({ DATA_DIR: dir })).toEqual({ code: 0, stderr: '' });
    const claim = path.join(dir, 'in-use.pid');
    expect(fs.existsSync(claim)).toBe(false);

    const holder = spawn('sleep', ['60']);
    try {
      fs.writeFileSync(claim, String(holder.pid));
      const { code, stderr } = await seedWith({ DATA_DIR: dir });
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(new RegExp(`^error: DATA_DIR .* is in use by process ${holder.pid}: stop it`));
      expect(fs.readFileSync(claim, 'utf8')).toBe(String(holder.pid));
    } finally {
      holder.kill('SIGKILL');
      await once(holder, 'exit');
    }

    expect(await seedWith({ DATA_DIR: dir })).toEqual({ code: 0, stderr: '' });
    expect(fs.existsSync(claim)).toBe(false);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    "stops with Prisma's message when a server database holds other tables, and leaves them alone",
    async () => {
      await withEmptyDatabase(async (url) => {
        const occupied = new pg.Client({ connectionString: url });
        await occupied.connect();
        try {
          await occupied.query(`CREATE TABLE "Party" (id int); INSERT INTO "Party" VALUES (7)`);
          const { code, stderr } = await seedWith({ DATABASE_URL: url });
          expect(code).toBe(1);
          expect(stderr).toMatch(/^error: The database schema is not empty\..* \(Prisma P3005\)\n$/s);
          expect(stderr).not.toContain('wasm');
          expect((await occupied.query(`SELECT * FROM "Party"`)).rows).toEqual([{ id: 7 }]);
        } finally {
          await occupied.end();
        }
      });
    },
  );

  it('refuses to open one embedded database twice in a process', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datadir-'));
    const first = openDatabase({ kind: 'embedded', dataDir: dir });
    try {
      expect(() => openDatabase({ kind: 'embedded', dataDir: dir })).toThrow(
        new RegExp(`DATA_DIR .* is in use by process ${process.pid}`),
      );
    } finally {
      await first.close();
    }
    const again = openDatabase({ kind: 'embedded', dataDir: dir });
    await again.ping();
    await again.close();
  });
});
