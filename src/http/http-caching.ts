import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { HttpCacheConfig } from '../config.js';

const graphqlJson = /^application\/(graphql-response\+)?json\b/;
const noStore = 'private, no-store';

/** True when an If-None-Match header names `etag` (or is *). */
function matches(ifNoneMatch: string | null, etag: string) {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim() === etag);
}

/**
 * HTTP caching of reads sent by GET (a query or a persisted document): a strong ETag, the SHA-256 of the body,
 * and Cache-Control from configuration; a GET whose If-None-Match names the ETag gets 304 without the body, so a
 * CDN or a browser can keep the answer. A request with a token, a POST (every write is one) and an answer with
 * errors are private and never stored. Subscriptions stream and are left alone.
 */
export function httpCaching(config: HttpCacheConfig): Plugin {
  const shared = [
    'public',
    `max-age=${config.maxAgeSeconds}`,
    ...(config.staleWhileRevalidateSeconds > 0 ? [`stale-while-revalidate=${config.staleWhileRevalidateSeconds}`] : []),
  ].join(', ');
  return {
    async onResponse({ request, response, setResponse, fetchAPI }) {
      if (!new URL(request.url).pathname.endsWith('/graphql')) return;
      if (!graphqlJson.test(response.headers.get('content-type') ?? '')) return;
      const cacheable = request.method === 'GET' && response.status === 200 && !request.headers.has('authorization');
      if (!cacheable) {
        response.headers.set('cache-control', noStore);
        return;
      }
      const body = new Uint8Array(await response.clone().arrayBuffer());
      if (new TextDecoder().decode(body).includes('"errors":')) {
        response.headers.set('cache-control', noStore);
        return;
      }
      const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('etag', etag);
      headers.set('cache-control', shared);
      headers.delete('last-modified');
      if (matches(request.headers.get('if-none-match'), etag)) {
        headers.delete('content-length');
        setResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      setResponse(new fetchAPI.Response(body, { status: 200, headers }));
    },
  };
}
