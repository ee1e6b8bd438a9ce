import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import type { AuthConfig } from '../config.js';
import { activeKeyOf, apiTokenPrefix, sameDigest, sha256 } from '../data/api-keys.js';
import type { Database } from '../data/database.js';
import type { ScopeName, Viewer } from '../graphql/context.js';

const scopeNames: readonly ScopeName[] = ['CURATE', 'ADMIN'];
const window = 60_000;
const maxTrackedAddresses = 10_000;

/** Failed authentications per client address in the current minute. */
class FailureCounter {
  private counts = new Map<string, number>();
  private windowStart = Date.now();

  constructor(private readonly limit: number) {}

  private roll() {
    if (Date.now() - this.windowStart < window) return;
    this.counts.clear();
    this.windowStart = Date.now();
  }

  exceeded(address: string) {
    this.roll();
    return (this.counts.get(address) ?? 0) >= this.limit;
  }

  record(address: string) {
    this.roll();
    // Under a flood of addresses the oldest are forgotten first; the map never outgrows its bound.
    if (this.counts.size >= maxTrackedAddresses) this.counts.delete(this.counts.keys().next().value as string);
    this.counts.set(address, (this.counts.get(address) ?? 0) + 1);
  }
}

function unauthenticated(message: string) {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'www-authenticate': 'Bearer' } } },
  });
}

function scopesIn(claim: unknown): Set<ScopeName> {
  const values = typeof claim === 'string' ? claim.split(/\s+/) : Array.isArray(claim) ? claim : [];
  const scopes = new Set<ScopeName>();
  for (const value of values) {
    const name = String(value).toUpperCase();
    if ((scopeNames as readonly string[]).includes(name)) scopes.add(name as ScopeName);
  }
  return scopes;
}

/** The address failures are counted against: the socket's peer, or the first X-Forwarded-For hop behind a trusted proxy. */
export function clientAddress(request: Request, req: IncomingMessage | undefined, trustProxy: boolean): string {
  const forwarded = trustProxy ? request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  return forwarded || req?.socket?.remoteAddress || 'unknown';
}

const bearerToken = (header: string | null) => (header ? /^Bearer +(\S+) *$/i.exec(header)?.[1] : undefined);

/**
 * Whether a request comes from the federation gateway: `Gateway-Authorization: Bearer <GATEWAY_TOKEN>`, compared in
 * constant time. It only lets the request send documents that are not trusted ones; who the request is for stays
 * the business of `Authorization`, which the gateway passes on from its client.
 */
export function gatewayRequests(config: AuthConfig) {
  const digest = config.gatewayToken ? sha256(config.gatewayToken) : undefined;
  return (request: Request) => {
    const token = bearerToken(request.headers.get('gateway-authorization'));
    return digest !== undefined && token !== undefined && sameDigest(sha256(token), digest);
  };
}

/**
 * Who a request's `Authorization: Bearer` token names: an API key (looked up by its hash on every
 * request), the operator's ADMIN_TOKEN (compared in constant time), or a JWT of the configured issuer.
 * No header: null, reads are public. A token that names nobody is refused outright, and counted
 * against the client address; too many in a minute and every token from it is refused for the rest of it.
 */
export function authenticator(config: AuthConfig, database: Database) {
  const failures = new FailureCounter(config.failuresPerMinute);
  const adminDigest = config.adminToken ? sha256(config.adminToken) : undefined;
  const jwt = config.jwt;
  const keySet = jwt ? createRemoteJWKSet(jwt.jwksUrl) : undefined;

  async function viewerOfToken(token: string): Promise<Viewer | null> {
    if (token.startsWith(apiTokenPrefix)) {
      const key = await activeKeyOf(database, token);
      return key && { actor: key.name, scopes: new Set(key.scopes) };
    }
    if (jwt && keySet && token.split('.').length === 3) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keySet, { issuer: jwt.issuer, audience: jwt.audience }));
      } catch {
        return null;
      }
      if (typeof payload.sub !== 'string' || payload.sub === '') return null;
      return { actor: `jwt:${payload.sub}`, scopes: scopesIn(payload[jwt.scopesClaim]) };
    }
    if (adminDigest && sameDigest(sha256(token), adminDigest)) {
      return { actor: 'admin-token', scopes: new Set(scopeNames) };
    }
    return null;
  }

  return async function viewerOf(authorization: string, address: string): Promise<Viewer> {
    if (failures.exceeded(address)) {
      throw new GraphQLError('Too many invalid tokens from this address: wait a minute before trying again.', {
        extensions: {
          code: 'TOO_MANY_FAILED_AUTHENTICATIONS',
          http: { status: 429, headers: { 'retry-after': '60' } },
        },
      });
    }
    const token = bearerToken(authorization);
    const viewer = token ? await viewerOfToken(token) : null;
    if (viewer) return viewer;
    failures.record(address);
    throw unauthenticated(
      token
        ? 'The bearer token is not valid: it is unknown, revoked or expired.'
        : 'The Authorization header must be "Bearer <token>".',
    );
  };
}
