import type { Limits } from './config.js';
import { createLoaders, type Loaders } from './loaders.js';

/** Per-request state: the DataLoaders whose caches live as long as one operation, and the limits it must keep. */
export interface Context {
  loaders: Loaders;
  limits: Limits;
}

export function createContext(limits: Limits): Context {
  return { loaders: createLoaders(), limits };
}
