import type { Limits } from './config.js';
import { createLoaders, type Loaders } from './loaders.js';
import { PageLoaders } from './page-loader.js';

/** Per-request state: the DataLoaders whose caches live as long as one operation, and the limits it must keep. */
export interface Context {
  loaders: Loaders;
  pages: PageLoaders;
  limits: Limits;
}

export function createContext(limits: Limits): Context {
  return { loaders: createLoaders(), pages: new PageLoaders(), limits };
}
