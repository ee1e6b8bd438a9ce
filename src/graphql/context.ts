import type { Limits } from '../config.js';
import type { Db } from '../data/client.js';
import type { Database } from '../data/database.js';
import type { Writer } from '../data/history.js';
import { PageLoaders } from '../data/page-loader.js';
import type { RevisionFeed } from '../data/revision-feed.js';
import type { Language } from './language.js';

/** The database handles the app was made with; resolvers reach the database only through them. */
export interface DataLayer extends Writer {
  db: Db;
  database: Database;
  /** The revisions as they commit, for subscriptions; none where the app serves no subscriptions. */
  feed?: RevisionFeed;
}

/** Where an operation that writes nothing reads: the replicas, or `db` and `database` themselves without any. */
export type ReadSide = Pick<DataLayer, 'db' | 'database'>;

export type ScopeName = 'CURATE' | 'ADMIN';

/** Who sent the request, when it carried a valid bearer token. */
export interface Viewer {
  /** What revisions record as who made them: the API key's name, admin-token, or jwt:<subject>. */
  actor: string;
  scopes: ReadonlySet<ScopeName>;
}

/** Who a write's revisions name; the scope checks before every write have made sure there is a viewer. */
export const actorOf = (ctx: { viewer: Viewer | null }) => ctx.viewer?.actor ?? '';

/**
 * Per-request state: the database, the page loaders whose caches live as long as one operation, the
 * limits it must keep, the reader's language (from Accept-Language) and who is asking.
 */
export interface Context extends DataLayer {
  /** Where `readFromReplicas` points the context: until then, it reads and writes on the primary. */
  reads: ReadSide;
  pages: PageLoaders;
  limits: Limits;
  language: Language;
  viewer: Viewer | null;
}

export function createContext(
  data: DataLayer & { reads?: ReadSide },
  limits: Limits,
  language: Language,
  viewer: Viewer | null = null,
): Context {
  return {
    db: data.db,
    database: data.database,
    reads: data.reads ?? data,
    feed: data.feed,
    committed: data.committed,
    pages: new PageLoaders(data.database),
    limits,
    language,
    viewer,
  };
}

/**
 * Points a query's context at the replicas before it runs. A mutation keeps the primary for its payload too, so its
 * writer reads its own write; subscriptions keep it since a replica may not yet hold what a notification announced.
 */
export function readFromReplicas(ctx: Context) {
  if (ctx.db === ctx.reads.db && ctx.database === ctx.reads.database) return;
  ctx.db = ctx.reads.db;
  ctx.database = ctx.reads.database;
  ctx.pages = new PageLoaders(ctx.reads.database);
}

const requestLoaders = new WeakMap<Context, Map<string, unknown>>();

/** The request's loader called `name`, made by `make` the first time the request asks for it. */
export function requestLoader<Loader>(ctx: Context, name: string, make: () => Loader): Loader {
  let loaders = requestLoaders.get(ctx);
  if (!loaders) {
    loaders = new Map();
    requestLoaders.set(ctx, loaders);
  }
  let loader = loaders.get(name) as Loader | undefined;
  if (!loader) {
    loader = make();
    loaders.set(name, loader);
  }
  return loader;
}
