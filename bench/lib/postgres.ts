import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const pgBin = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface Cluster {
  url: string;
  postmasterPid: number;
  version: string;
  stop(): void;
}

function asPostgres(command: string, args: string[]) {
  if (process.getuid?.() !== 0) return execFileSync(command, args, { stdio: 'pipe' });
  const quoted = [command, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], { stdio: 'pipe' });
}

/** A throwaway PostgreSQL 15 cluster on loopback with pg_stat_statements loaded, the same for every implementation. */
export async function startCluster(port: number): Promise<Cluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pg-'));
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  const data = path.join(dir, 'data');
  asPostgres(`${pgBin}/initdb`, ['-A', 'trust', '-U', 'postgres', '-D', data]);
  const options = [
    `-p ${port}`,
    '-k /tmp',
    '-c listen_addresses=127.0.0.1',
    '-c shared_preload_libraries=pg_stat_statements',
    '-c pg_stat_statements.track=top',
    '-c max_connections=200',
    '-c shared_buffers=512MB',
    '-c fsync=off',
  ].join(' ');
  asPostgres(`${pgBin}/pg_ctl`, ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', options, 'start']);
  const postmasterPid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await withClient(url, (c) => c.query('CREATE DATABASE bench'));
  const benchUrl = `postgres://postgres@127.0.0.1:${port}/bench`;
  return {
    url: benchUrl,
    postmasterPid,
    version: await serverVersion(benchUrl),
    stop() {
      try {
        asPostgres(`${pgBin}/pg_ctl`, ['-D', data, '-m', 'fast', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export async function serverVersion(url: string): Promise<string> {
  return withClient(url, async (c) => (await c.query('SHOW server_version')).rows[0].server_version);
}

/** The postmaster of a server on this machine, read from its data directory, to count PostgreSQL's CPU time. */
export async function postmasterPidOf(url: string): Promise<number | null> {
  const dir = await withClient(url, async (c) => (await c.query('SHOW data_directory')).rows[0].data_directory);
  try {
    return Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
}

const statementsSql = `
  SELECT coalesce(sum(calls), 0)::bigint AS calls FROM pg_stat_statements
  WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND query NOT LIKE '%pg_stat_statements%'`;

/** Counts the statements every client of the bench database runs, from pg_stat_statements. */
export class StatementCounter {
  private constructor(private readonly client: pg.Client) {}

  static async open(url: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    return new StatementCounter(client);
  }

  async reset() {
    await this.client.query('SELECT pg_stat_statements_reset()');
  }

  async count(): Promise<number> {
    return Number((await this.client.query(statementsSql)).rows[0].calls);
  }

  close() {
    return this.client.end();
  }
}
