import { createHash } from 'node:crypto';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { HttpCacheConfig } from '../config.js';

const graphqlJson = /^application\/(graphql-response\+)?json\b/;
const noStore = 'private, no-store';

/** The ETag a result's body was given when it was stored, so that a revalidation need not serialise it again. */
export const knownEtag = Symbol.for('xiangyang.etag');

/** The strong ETag of the body yoga sends for `result`: the SHA-256 of its JSON, without the internal `http` extension. */
export function etagOf(result: ExecutionResult): string {
  let sent: unknown = result;
  if (result.extensions) {
    const { http: _, ...extensions } = result.extensions;
    sent = { ...result, extensions: Object.keys(extensions).length ? extensions : undefined };
  }
  return `"${createHash('sha256').update(JSON.stringify(sent)).digest('base64url')}"`;
}

/** The Cache-Control of an anonymous read. */
export const publicCacheControl = (config: HttpCacheConfig) =>
  [
    'public',
    `max-age=${config.maxAgeSeconds}`,
    ...(config.staleWhileRevalidateSeconds > 0 ? [`stale-while-revalidate=${config.staleWhileRevalidateSeconds}`] : []),
  ].join(', ');

/** True when an If-None-Match header names `etag` (or is *). */
export function matches(ifNoneMatch: string | null, etag: string) {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim() === etag);
}

const isSingle = (result: unknown): result is ExecutionResult =>
  typeof result === 'object' && result !== null && !Array.isArray(result) && !(Symbol.asyncIterator in result);

/**
 * HTTP caching of reads sent by GET (a query or a persisted document): a strong ETag, the SHA-256 of the body,
 * and Cache-Control from configuration; a GET whose If-None-Match names the ETag gets 304 without the body, so a
 * CDN or a browser can keep the answer. A request with a token, a POST (every write is one) and an answer with
 * errors are private and never stored. Subscriptions stream and are left alone.
 */
export function httpCaching(config: HttpCacheConfig): Plugin {
  const shared = publicCacheControl(config);
  const etags = new WeakMap<Request, string>();
  return {
    onResultProcess({ request, result, setResultProcessor }) {
      if (request.method !== 'GET' || request.headers.has('authorization') || !isSingle(result)) return;
      if (result.errors?.length) return;
      const etag = (result as { [knownEtag]?: string })[knownEtag] ?? etagOf(result);
      etags.set(request, etag);
      if (matches(request.headers.get('if-none-match'), etag))
        setResultProcessor((_result, fetchAPI) => new fetchAPI.Response(null, { status: 304 }), 'application/json');
    },
    onResponse({ request, response }) {
      if (!new URL(request.url).pathname.endsWith('/graphql')) return;
      const etag = etags.get(request);
      if (etag && (response.status === 200 || response.status === 304)) {
        response.headers.set('etag', etag);
        response.headers.set('cache-control', shared);
        response.headers.delete('last-modified');
        if (response.status === 304) response.headers.delete('content-type');
        return;
      }
      if (graphqlJson.test(response.headers.get('content-type') ?? '')) response.headers.set('cache-control', noStore);
    },
  };
}
