import { createLoaders, type Loaders } from './loaders.js';

/** Per-request state: the DataLoaders whose caches live as long as one operation. */
export interface Context {
  loaders: Loaders;
}

export function createContext(): Context {
  return { loaders: createLoaders() };
}
