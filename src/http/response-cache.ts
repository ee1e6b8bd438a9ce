import { type Cache, createInMemoryCache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { Plugin } from 'graphql-yoga';
import type { RevisionFeed } from '../data/revision-feed.js';

/**
 * The response cache of anonymous reads (RESPONSE_CACHE_TTL_MS), kept apart by the reader's language and emptied
 * whenever a revision becomes final: the change feed announces every change on every instance (mutations, ingest,
 * other servers), so no answer outlives the change that made it stale by more than the feed's delay. Precise
 * invalidation, entity by entity, waits for a shared cache.
 */
export function responseCache(ttl: number, feed: RevisionFeed, session: (request: Request) => string): Plugin[] {
  let entries = createInMemoryCache();
  const cache: Cache = {
    get: (key) => entries.get(key),
    set: (...args) => entries.set(...args),
    invalidate: (references) => entries.invalidate(references),
  };
  let following = false;
  const follow = async () => {
    try {
      const revisions = await feed.subscribe({ hiddenTypes: [] });
      for await (const _ of revisions ?? []) entries = createInMemoryCache();
    } catch {
      // The database is away: the next request follows the feed again.
    }
    entries = createInMemoryCache();
    following = false;
  };
  return [
    {
      onRequest() {
        if (following) return;
        following = true;
        void follow();
      },
    },
    useResponseCache({
      cache,
      session,
      ttl,
      // What a token may read (API keys) is its own; only anonymous answers are shared.
      enabled: (request) => !request.headers.has('authorization'),
    }),
  ];
}
