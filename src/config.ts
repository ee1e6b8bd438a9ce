import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Items on a page of any connection: when first/last are not given, and at most. */
export const pageSizes = { defaultSize: 20, maxSize: 100 } as const;

/** A configuration or environment problem the operator must fix; printed as one line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type DatabaseConfig =
  /** `template`: the tarball of a migrated and seeded data folder a new DATA_DIR starts from, if it is current. */
  | { kind: 'embedded'; dataDir: string; template?: string }
  /** `replicaUrls`: streaming replicas of `url` that requests writing nothing read from. */
  | { kind: 'server'; url: string; poolSize: number; replicaUrls: string[] };

export interface Config {
  port: number;
  database: DatabaseConfig;
}

function positiveInt(name: string, value: string | undefined, fallback: number, max = 65535, min = 1): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(
      `${name}=${value} is not a valid number: set it to a whole number between ${min} and ${max}.`,
    );
  }
  return n;
}

const nonNegativeInt = (name: string, value: string | undefined, fallback: number, max: number) =>
  positiveInt(name, value, fallback, max, 0);

/** HTTP caching of anonymous GET reads. */
export interface HttpCacheConfig {
  /** How long a shared cache or a browser may reuse an anonymous read without asking (HTTP_CACHE_MAX_AGE). */
  maxAgeSeconds: number;
  /** How long after that it may serve it while it revalidates (HTTP_CACHE_STALE_WHILE_REVALIDATE). */
  staleWhileRevalidateSeconds: number;
}

function flag(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`${name}=${value} is not a valid switch: set it to true or false.`);
}

const postgresUrl = /^postgres(ql)?:\/\/[^/]/;

function replicaUrls(value: string | undefined, primary: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [];
  if (!primary)
    throw new ConfigError(
      'DATABASE_REPLICA_URLS needs DATABASE_URL: set DATABASE_URL to the primary server, or unset DATABASE_REPLICA_URLS (the embedded database has no replicas).',
    );
  const urls = value.split(',').map((url) => url.trim());
  for (const [i, url] of urls.entries()) {
    if (!postgresUrl.test(url))
      throw new ConfigError(
        `DATABASE_REPLICA_URLS entry ${i + 1} is not a PostgreSQL URL: list the replicas as postgres://user:password@host:5432/dbname separated by commas.`,
      );
    if (url === primary)
      throw new ConfigError(
        `DATABASE_REPLICA_URLS entry ${i + 1} is DATABASE_URL itself: list only replicas, whose reads take load off the primary.`,
      );
    if (urls.indexOf(url) !== i)
      throw new ConfigError(`DATABASE_REPLICA_URLS lists entry ${i + 1} twice: list each replica once.`);
  }
  return urls;
}

export function readDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  const replicas = replicaUrls(env.DATABASE_REPLICA_URLS, url);
  if (url) {
    if (!postgresUrl.test(url)) {
      throw new ConfigError(
        'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/dbname; unset it to use the embedded database.',
      );
    }
    return {
      kind: 'server',
      url,
      poolSize: positiveInt('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, 10),
      replicaUrls: replicas,
    };
  }
  const dir = env.DATA_DIR?.trim() || '.data';
  const dataDir = dir.startsWith('memory://') ? dir : path.resolve(projectRoot, dir);
  const template = env.EMBEDDED_TEMPLATE?.trim();
  return {
    kind: 'embedded',
    dataDir,
    template: template === 'none' ? undefined : path.resolve(projectRoot, template || 'dist/embedded-template.tar.gz'),
  };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return { port: positiveInt('PORT', env.PORT, 4000), database: readDatabaseConfig(env) };
}

/** Limits every request must stay within; the defaults admit the deepest legitimate query of the API. */
export interface Limits {
  depth: number;
  cost: number;
  aliases: number;
  tokens: number;
  directives: number;
  batch: number;
  bodyBytes: number;
}

/** Who may write: the operator's token, tokens of an identity provider, and how failed attempts are throttled. */
export interface AuthConfig {
  /** ADMIN_TOKEN: a bearer token with every scope, for the operator; none when unset. */
  adminToken: string | undefined;
  /** GATEWAY_TOKEN: lets a federation gateway send any document where only trusted ones are accepted; none when unset. */
  gatewayToken?: string;
  /** JWTs of an identity provider (JWT_JWKS_URL, JWT_ISSUER, JWT_AUDIENCE, JWT_SCOPES_CLAIM); none when unset. */
  jwt: { jwksUrl: URL; issuer: string; audience: string; scopesClaim: string } | undefined;
  /** Failed authentications a client address may make a minute (AUTH_FAILURES_PER_MINUTE) before it is refused. */
  failuresPerMinute: number;
  /** Take the client address from X-Forwarded-For (TRUST_PROXY), as set by a proxy in front. */
  trustProxy: boolean;
}

export interface ApiConfig {
  production: boolean;
  /** Accept only the registered (persisted) operations. */
  trustedDocumentsOnly: boolean;
  trustedDocumentsFile: string;
  introspection: boolean;
  suggestions: boolean;
  /** Origins allowed by CORS; empty means same-origin only, ['*'] any. */
  corsOrigins: string[];
  /** OTLP/HTTP collector for traces (OTEL_EXPORTER_OTLP_ENDPOINT); no tracing when unset. */
  otlpEndpoint: string | undefined;
  /**
   * How long a response may be served again (RESPONSE_CACHE_TTL_MS); 0 caches nothing. By default a minute with Redis,
   * which invalidates every instance before a write answers, and 0 without it (instances in memory learn of each
   * other's writes only from the change feed, a few milliseconds later).
   */
  responseCacheTtlMs: number;
  /** Redis for the response cache, shared by every instance (REDIS_URL); in memory without it. */
  redis: RedisConfig | undefined;
  httpCache: HttpCacheConfig;
  auth: AuthConfig;
  limits: Limits;
  /** Revisions a subscriber of the change feed may fall behind by before its stream is ended (FEED_BUFFER). */
  feedBuffer: number;
}

export interface RedisConfig {
  url: string;
  /** Begins the name of every key the cache writes (REDIS_KEY_PREFIX), so one Redis can serve more than this API. */
  keyPrefix: string;
}

function readRedisConfig(env: NodeJS.ProcessEnv): RedisConfig | undefined {
  const url = env.REDIS_URL?.trim();
  if (!url) return undefined;
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {}
  if (protocol !== 'redis:' && protocol !== 'rediss:')
    throw new ConfigError(
      `REDIS_URL=${url} is not a redis:// or rediss:// URL: set it to redis://host:6379, or unset it.`,
    );
  const keyPrefix = env.REDIS_KEY_PREFIX ?? 'xiangyang:';
  if (!/^[\w.:-]{1,64}$/.test(keyPrefix))
    throw new ConfigError(
      `REDIS_KEY_PREFIX=${keyPrefix} must be 1 to 64 letters, digits, '_', '.', ':' or '-' (without '*', which Redis patterns read).`,
    );
  return { url, keyPrefix };
}

export function readAuthConfig(env: NodeJS.ProcessEnv, production: boolean): AuthConfig {
  const adminToken = env.ADMIN_TOKEN || undefined;
  if (production && adminToken !== undefined && adminToken.length < 32)
    throw new ConfigError('ADMIN_TOKEN is shorter than 32 characters: set a long random one (openssl rand -hex 32).');
  const gatewayToken = env.GATEWAY_TOKEN || undefined;
  if (production && gatewayToken !== undefined && gatewayToken.length < 32)
    throw new ConfigError('GATEWAY_TOKEN is shorter than 32 characters: set a long random one (openssl rand -hex 32).');
  const jwksUrl = env.JWT_JWKS_URL?.trim();
  let jwt: AuthConfig['jwt'];
  if (jwksUrl) {
    const issuer = env.JWT_ISSUER?.trim();
    const audience = env.JWT_AUDIENCE?.trim();
    if (!issuer || !audience) throw new ConfigError('JWT_JWKS_URL needs JWT_ISSUER and JWT_AUDIENCE: set both.');
    let url: URL;
    try {
      url = new URL(jwksUrl);
    } catch {
      throw new ConfigError(`JWT_JWKS_URL=${jwksUrl} is not a URL: set it to the identity provider's JWKS address.`);
    }
    jwt = { jwksUrl: url, issuer, audience, scopesClaim: env.JWT_SCOPES_CLAIM?.trim() || 'scope' };
  }
  return {
    adminToken,
    gatewayToken,
    jwt,
    failuresPerMinute: positiveInt('AUTH_FAILURES_PER_MINUTE', env.AUTH_FAILURES_PER_MINUTE, 10, 1_000_000),
    trustProxy: flag('TRUST_PROXY', env.TRUST_PROXY, false),
  };
}

export function readApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const production = env.NODE_ENV === 'production';
  const redis = readRedisConfig(env);
  const origins = env.CORS_ORIGINS?.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  return {
    production,
    trustedDocumentsOnly: flag('TRUSTED_DOCUMENTS_ONLY', env.TRUSTED_DOCUMENTS_ONLY, production),
    trustedDocumentsFile: path.resolve(
      projectRoot,
      env.TRUSTED_DOCUMENTS_FILE || 'examples/consumer/generated/persisted-documents.json',
    ),
    introspection: flag('INTROSPECTION', env.INTROSPECTION, !production),
    suggestions: flag('SUGGESTIONS', env.SUGGESTIONS, !production),
    corsOrigins: origins ?? (production ? [] : ['*']),
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined,
    responseCacheTtlMs:
      env.RESPONSE_CACHE_TTL_MS === '0'
        ? 0
        : positiveInt('RESPONSE_CACHE_TTL_MS', env.RESPONSE_CACHE_TTL_MS, redis ? 60_000 : 0, 86_400_000),
    redis,
    httpCache: {
      maxAgeSeconds: nonNegativeInt('HTTP_CACHE_MAX_AGE', env.HTTP_CACHE_MAX_AGE, 0, 31_536_000),
      staleWhileRevalidateSeconds: nonNegativeInt(
        'HTTP_CACHE_STALE_WHILE_REVALIDATE',
        env.HTTP_CACHE_STALE_WHILE_REVALIDATE,
        0,
        31_536_000,
      ),
    },
    auth: readAuthConfig(env, production),
    feedBuffer: positiveInt('FEED_BUFFER', env.FEED_BUFFER, 1000, 1_000_000),
    limits: {
      depth: positiveInt('MAX_DEPTH', env.MAX_DEPTH, 16, 1000),
      cost: positiveInt('MAX_COST', env.MAX_COST, 100_000, 100_000_000),
      aliases: positiveInt('MAX_ALIASES', env.MAX_ALIASES, 30, 10_000),
      tokens: positiveInt('MAX_TOKENS', env.MAX_TOKENS, 2_000, 1_000_000),
      directives: positiveInt('MAX_DIRECTIVES', env.MAX_DIRECTIVES, 20, 10_000),
      batch: positiveInt('MAX_BATCH', env.MAX_BATCH, 10, 1_000),
      bodyBytes: positiveInt('MAX_BODY_BYTES', env.MAX_BODY_BYTES, 100_000, 100_000_000),
    },
  };
}
