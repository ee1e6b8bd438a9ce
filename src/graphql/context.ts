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
  pages: PageLoaders;
  limits: Limits;
  language: Language;
  viewer: Viewer | null;
}

export function createContext(
  data: DataLayer,
  limits: Limits,
  language: Language,
  viewer: Viewer | null = null,
): Context {
  return {
    db: data.db,
    database: data.database,
    feed: data.feed,
    committed: data.committed,
    pages: new PageLoaders(data.database),
    limits,
    language,
    viewer,
  };
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
