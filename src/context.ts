import type { Limits } from './config.js';
import { PageLoaders } from './page-loader.js';

/** Per-request state: the page loaders whose caches live as long as one operation, and the limits it must keep. */
export interface Context {
  pages: PageLoaders;
  limits: Limits;
}

export function createContext(limits: Limits): Context {
  return { pages: new PageLoaders(), limits };
}
