import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A configuration or environment problem the operator must fix; printed as one line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type DatabaseConfig = { kind: 'embedded'; dataDir: string } | { kind: 'server'; url: string; poolSize: number };

export interface Config {
  port: number;
  database: DatabaseConfig;
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new ConfigError(`${name}=${value} is not a valid number: set it to a whole number between 1 and 65535.`);
  }
  return n;
}

export function readDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new ConfigError(
        'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/dbname; unset it to use the embedded database.',
      );
    }
    return { kind: 'server', url, poolSize: positiveInt('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, 10) };
  }
  const dir = env.DATA_DIR?.trim() || '.data';
  const dataDir = dir.startsWith('memory://') ? dir : path.resolve(projectRoot, dir);
  return { kind: 'embedded', dataDir };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return { port: positiveInt('PORT', env.PORT, 4000), database: readDatabaseConfig(env) };
}
