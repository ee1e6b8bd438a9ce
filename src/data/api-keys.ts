import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Scope } from '../generated/prisma/enums.js';
import type { Database } from './database.js';

/** Tokens minted by createApiKey carry this prefix, so that they are told apart from JWTs and secret scanners find them. */
export const apiTokenPrefix = 'xyg_';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A new bearer token (32 random bytes) and the hash that is all the database keeps of it. */
export function mintToken(): { token: string; tokenHash: string } {
  const token = apiTokenPrefix + randomBytes(32).toString('base64url');
  return { token, tokenHash: sha256(token) };
}

/** Whether two hex digests are equal, in time that does not depend on where they differ. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The unrevoked key a token was minted for, or null; read on every request, so a revocation holds at once everywhere. */
export async function activeKeyOf(
  database: Database,
  token: string,
): Promise<{ name: string; scopes: Scope[] } | null> {
  const tokenHash = sha256(token);
  // Straight through the driver: it runs before every write, and Prisma's mapping would cost more than the lookup.
  const [key] = await database.query<{ name: string; scopes: Scope[]; tokenHash: string }>(
    'SELECT "name", "scopes"::text[] AS "scopes", "tokenHash" FROM "ApiKey" WHERE "tokenHash" = $1 AND "revokedAt" IS NULL',
    [tokenHash],
  );
  if (!key || !sameDigest(key.tokenHash, tokenHash)) return null;
  return { name: key.name, scopes: key.scopes };
}
