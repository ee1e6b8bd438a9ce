import { type BuildResponseCacheKeyFunction, defaultBuildResponseCacheKey } from '@envelop/response-cache';
import { createRedisCache } from '@envelop/response-cache-redis';
import { type Cache, createInMemoryCache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Redis } from 'ioredis';
import type { RedisConfig } from '../config.js';
import { type Database, replayedOnReplicas } from '../data/database.js';
import type { Changes } from '../data/history.js';
import { enumColumns, isHierarchy, rowsReferredBy } from '../data/relations.js';
import type { RevisionFeed } from '../data/revision-feed.js';
import type { Revision } from '../generated/prisma/client.js';
import { nodeTypes } from '../graphql/node-id.js';
import { logger } from '../observability/logger.js';
import { etagOf, knownEtag, matches } from './http-caching.js';
import { isWriting } from './read-replicas.js';

type Entity = { typename: string; id?: string | number };

/** Answers of operations that read `search` carry this tag: any change may add or take away a match. */
const searchTag = 'Query.search';
const searchKey = 'search-';

/**
 * What a committed revision may have made stale: its entity and every row it names before and after (so lists
 * hanging on them), every answer holding any row of its type when it created or deleted one or moved one between
 * the lists an enum filters, of a hierarchy whose ancestors reach it, the lists of revisions, and searches.
 */
export function staleAfter(revision: Pick<Revision, 'action' | 'entityType' | 'entityId' | 'changes'>): Entity[] {
  const changes = revision.changes as Changes;
  const stale: Entity[] = [{ typename: 'Revision' }, { typename: searchTag }];
  const filters = enumColumns(revision.entityType);
  if (revision.action !== 'UPDATE' || Object.keys(changes).some((field) => filters.has(field)))
    stale.push({ typename: revision.entityType });
  const rows = [{ model: revision.entityType, id: revision.entityId }, ...rowsReferredBy(revision.entityType, changes)];
  for (const { model, id } of rows) {
    if (nodeTypes.has(model)) stale.push({ typename: model, id: encodeGlobalID(model, id) });
    if (isHierarchy(model)) stale.push({ typename: model });
  }
  return stale;
}

/**
 * Deletes, in one round trip, every answer an entity's set names (a type's set names every answer holding any row
 * of it) and the sets themselves. @envelop/response-cache-redis would walk them one command at a time, with KEYS
 * over the whole keyspace for a type: a write would wait on as many round trips as rows were cached.
 */
const forgetAnswers = `
local doomed = {}
for _, set in ipairs(KEYS) do
  for _, answer in ipairs(redis.call('SMEMBERS', set)) do
    doomed[#doomed + 1] = answer
    doomed[#doomed + 1] = answer .. ARGV[1]
  end
  doomed[#doomed + 1] = set
end
for i = 1, #doomed, 1000 do redis.call('UNLINK', unpack(doomed, i, math.min(i + 999, #doomed))) end
return #doomed`;

/** How the Redis cache names the set of answers holding a row, and the set of what an answer holds. */
const entitySet = (typename: string, id?: string | number | null) => (id == null ? typename : `${typename}:${id}`);
const heldSuffix = ':entities';

/** `forgetAnswers`' arguments for `entities`: how many sets, the sets, then the suffix of what an answer holds. */
const forgetArguments = (entities: Entity[]): [number, ...string[]] => {
  const sets = [...new Set(entities.map(({ typename, id }) => entitySet(typename, id)))];
  return [sets.length, ...sets, heldSuffix];
};

/**
 * Makes the sets naming a new answer live at least as long as it: Redis then drops a set once every answer it
 * names has expired (@envelop/response-cache-redis gives them no expiry, so they would only grow).
 */
const outliveAnswer = `
local ttl = tonumber(ARGV[1])
for _, set in ipairs(KEYS) do
  if redis.call('PTTL', set) < ttl then redis.call('PEXPIRE', set, ttl) end
end`;

/** The sets the Redis cache adds the answer `key` to, holding `entities`, as EVAL's keys. */
const setsOf = (entities: Entity[], key: string): [number, ...string[]] => {
  const sets = new Set(entities.flatMap(({ typename, id }) => [typename, entitySet(typename, id)]));
  return [sets.size + 1, ...sets, key + heldSuffix];
};

/** Where a stored answer keeps the ETag of its body. */
const etagField = '@etag';
type Stored = ExecutionResult & { [etagField]?: string };
/** Bytes of an entry's head that hold its ETag: `{"@etag":"\"<43 characters>\""`. */
const etagHead = 64;

const inMemory = () => createInMemoryCache({ max: 10_000 });

/** How the cache is doing, for /metrics. */
export interface CacheHealth {
  shared: boolean;
  available: boolean;
  errors: number;
}

/**
 * The response store: Redis when configured, shared by every instance, else memory. When Redis fails, reads go on
 * uncached and writes on without it (logged once); once it answers again, everything this API kept there is
 * deleted before it is used, since invalidations were missed meanwhile. An answer whose operation began before the
 * latest invalidation on this instance is not stored: it may hold what that change made stale.
 */
class ResponseStore implements Cache {
  readonly health: CacheHealth;
  private store: Cache;
  private generation = 0;
  private readonly began = new Map<string, number>();
  private recovering: NodeJS.Timeout | undefined;
  /** Whether Redis failed since it last answered: what it holds may have missed invalidations. */
  private down = false;
  /** Whether this instance follows the change feed: until it does, it could miss another instance's write. */
  following = false;

  constructor(
    private readonly redis: Redis | null,
    private readonly keyPrefix = '',
  ) {
    this.health = { shared: redis !== null, available: redis === null, errors: 0 };
    redis?.once('ready', () => {
      this.health.available ||= !this.down;
    });
    this.store = redis
      ? createRedisCache({
          redis,
          buildRedisEntityId: entitySet,
          buildRedisOperationResultCacheKey: (responseId) => responseId + heldSuffix,
        })
      : inMemory();
    redis?.on('error', (error) => this.failed(error));
  }

  private prefixed = (entities: Iterable<Entity>) =>
    [...entities].map(({ typename, id }) => ({ typename: this.keyPrefix + typename, id }));

  async get(key: string) {
    // yoga's plugin looks up a request's If-None-Match as a key of its own making; ETags are never keys here.
    if (key.startsWith('"')) return undefined;
    if (!this.began.has(key)) {
      if (this.began.size > 10_000) this.began.clear();
      this.began.set(key, this.generation);
    }
    if (!this.health.available || !this.following) return undefined;
    try {
      const entry = await this.store.get(this.keyPrefix + key);
      if (!entry) return undefined;
      const { [etagField]: etag, ...result } = entry as Stored;
      return Object.assign(result, { [knownEtag]: etag });
    } catch (error) {
      this.failed(error);
      return undefined;
    }
  }

  /** The ETag of the answer stored under `key`, read without the answer itself. */
  async etag(key: string): Promise<string | undefined> {
    if (!this.health.available || !this.following) return undefined;
    try {
      if (!this.redis) return ((await this.store.get(this.keyPrefix + key)) as Stored | undefined)?.[etagField];
      const head = await this.redis.getrange(this.keyPrefix + key, 0, etagHead);
      const literal = /^\{"@etag":("(?:[^"\\]|\\.)*")/.exec(head)?.[1];
      return literal ? (JSON.parse(literal) as string) : undefined;
    } catch (error) {
      this.failed(error);
      return undefined;
    }
  }

  async set(key: string, result: Parameters<Cache['set']>[1], entities: Iterable<Entity>, ttl: number) {
    const began = this.began.get(key);
    this.began.delete(key);
    if (began !== this.generation || !this.health.available || !this.following) return;
    const tags = key.startsWith(searchKey) ? [...entities, { typename: searchTag }] : entities;
    try {
      // First, so that a revalidation reads it from the head of the entry alone.
      const stored: Stored = { [etagField]: etagOf(result), ...result };
      const sets = this.prefixed(tags);
      await this.store.set(this.keyPrefix + key, stored, sets, ttl);
      if (this.redis && Number.isFinite(ttl))
        await this.redis.eval(outliveAnswer, ...setsOf(sets, this.keyPrefix + key), ttl);
    } catch (error) {
      this.failed(error);
    }
  }

  async invalidate(entities: Entity[]) {
    this.generation += 1;
    this.began.clear();
    if (!this.health.available || !entities.length) return;
    try {
      if (this.redis) await this.redis.eval(forgetAnswers, ...forgetArguments(this.prefixed(entities)));
      else await this.store.invalidate(this.prefixed(entities));
    } catch (error) {
      this.failed(error);
    }
  }

  private failed(error: unknown) {
    this.health.errors += 1;
    if (this.down) return;
    this.down = true;
    this.health.available = false;
    logger.warn(
      { err: error },
      'Redis is unreachable: reads go on without the response cache until it answers again (writes and the change feed go on)',
    );
    this.recovering ??= setInterval(() => void this.recover(), 1000);
  }

  /** Forgets every answer; false when Redis could not be emptied. */
  async clear(): Promise<boolean> {
    this.generation += 1;
    this.began.clear();
    if (!this.redis) {
      this.store = inMemory();
      return true;
    }
    try {
      let cursor = '0';
      do {
        const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.keyPrefix}*`, 'COUNT', 1000);
        if (keys.length) await this.redis.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
      return true;
    } catch (error) {
      this.failed(error);
      return false;
    }
  }

  private async recover() {
    if (this.redis?.status !== 'ready' || !this.down) return;
    this.down = false;
    if (!(await this.clear())) return;
    clearInterval(this.recovering);
    this.recovering = undefined;
    this.health.available = true;
    logger.info('Redis answers again: the response cache, emptied of what it held before, is back');
  }

  async close() {
    clearInterval(this.recovering);
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}

/** Where a document begins a mutation or subscription (or, rarely, seems to): nothing is looked up for it. */
const writingDocument = /(?:^|\})\s*(?:#.*\s*)*(?:mutation|subscription)\b/;

const keyOf: BuildResponseCacheKeyFunction = async (params) => {
  const key = await defaultBuildResponseCacheKey(params);
  return /\bsearch\b/.test(params.documentString) ? searchKey + key : key;
};

export interface ResponseCache {
  plugins: Plugin[];
  /** Invalidates what committed revisions made stale; resolves once every instance would miss it (with Redis). */
  committed(revisions: Revision[]): Promise<void>;
  health: CacheHealth;
}

/**
 * The response cache of reads (RESPONSE_CACHE_TTL_MS), kept apart by `session` (the reader's language and scopes).
 * A write invalidates what its revisions touched before its answer is sent, and every instance invalidates what
 * each final revision of the change feed touched (other instances' writes, ingest).
 */
export function responseCache(
  ttl: number,
  redis: RedisConfig | undefined,
  feed: RevisionFeed,
  database: Database,
  session: (request: Request) => Promise<string> | string,
  http: { cacheControl: string; documents: ReadonlyMap<string, string>; csrfHeaders: readonly string[] },
): ResponseCache {
  const client = redis
    ? new Redis(redis.url, {
        // Fail at once while disconnected, and within a second when Redis hangs: a cache must never hold up a read.
        enableOfflineQueue: false,
        commandTimeout: 1000,
        maxRetriesPerRequest: 0,
      })
    : null;
  const store = new ResponseStore(client, redis?.keyPrefix);
  const invalidatedHere = new Set<number>();
  // A replica may still answer with what a write changed: whatever was cached from it meanwhile is dropped once
  // every replica has replayed the write (everything, when one lags past the wait).
  let afterReplay: Entity[] = [];
  let replaying = false;
  const replay = async () => {
    if (replaying) return;
    replaying = true;
    try {
      while (afterReplay.length) {
        const batch = afterReplay;
        afterReplay = [];
        if (await replayedOnReplicas(database).catch(() => false)) await store.invalidate(batch);
        else await store.clear();
      }
    } finally {
      replaying = false;
    }
  };
  const invalidate = async (stale: Entity[]) => {
    await store.invalidate(stale);
    if (!database.replicas.length || !stale.length) return;
    afterReplay.push(...stale);
    void replay();
  };
  const committed = async (revisions: Revision[]) => {
    for (const revision of revisions) {
      if (invalidatedHere.size > 10_000) invalidatedHere.clear();
      invalidatedHere.add(revision.id);
    }
    await invalidate(revisions.flatMap(staleAfter));
  };
  let following = false;
  const follow = async () => {
    try {
      const revisions = await feed.subscribe({ hiddenTypes: [] });
      store.following = true;
      for await (const revision of revisions ?? []) {
        if ('overflow' in revision) break;
        // Another instance's write, or one of this instance's again: it may have been read meanwhile.
        await invalidate(invalidatedHere.delete(revision.id) ? [] : staleAfter(revision));
      }
    } catch {
      // The database is away: the next request follows the feed again.
    }
    // Revisions may pass unseen until it follows again.
    store.following = false;
    await store.clear();
    following = false;
  };
  // A GET revalidating an answer the cache holds unchanged is answered 304 from the ETag stored at the head of
  // its entry, as the request arrives: an entry exists only for an operation that passed every check (trusted
  // documents, limits) when it was answered, and a 304 tells the client only that what it holds is current.
  const revalidated = new WeakSet<Request>();
  // A mutation's answer is never kept, so looking it up would only cost each write a round trip to Redis.
  const writes = new WeakSet<Request>();
  const revalidation: Plugin = {
    onRequest({ request, url, endResponse, fetchAPI }) {
      const { csrfHeaders } = http;
      const ifNoneMatch = request.method === 'GET' ? request.headers.get('if-none-match') : null;
      if (!ifNoneMatch || request.headers.has('authorization') || !url.pathname.endsWith('/graphql')) return;
      // What the CSRF check, which runs once the request is parsed, would ask of a GET.
      if (!csrfHeaders.some((header) => request.headers.has(header))) return;
      const search = url.searchParams;
      const documentId = search.get('documentId')?.replace(/^sha256:/, '');
      const query = search.get('query') ?? (documentId && http.documents.get(documentId));
      let variables: Record<string, unknown> | undefined;
      try {
        variables = JSON.parse(search.get('variables') ?? 'null') ?? undefined;
      } catch {
        return;
      }
      if (!query) return;
      return (async () => {
        const key = await keyOf({
          documentString: query,
          variableValues: variables,
          operationName: search.get('operationName'),
          sessionId: await session(request),
          context: undefined,
        });
        const etag = await store.etag(key);
        if (!etag || !matches(ifNoneMatch, etag)) return;
        revalidated.add(request);
        endResponse(
          new fetchAPI.Response(null, {
            status: 304,
            headers: { etag, 'cache-control': http.cacheControl, vary: 'Accept-Language' },
          }),
        );
      })();
    },
  };
  return {
    committed,
    health: store.health,
    plugins: [
      {
        onRequest() {
          if (following) return;
          following = true;
          void follow();
        },
        onParams({ params, request }) {
          if (params.query && writingDocument.test(params.query)) writes.add(request);
        },
        onDispose: () => store.close(),
      },
      revalidation,
      useResponseCache({
        cache: store,
        session,
        ttl,
        buildResponseCacheKey: keyOf,
        invalidateViaMutation: false,
        enabled: (request, context) =>
          !revalidated.has(request) && !writes.has(request) && !(context && isWriting(context)),
      }),
    ],
  };
}
