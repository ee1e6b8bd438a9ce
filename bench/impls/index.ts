import { naive } from './naive.js';
import { ours, oursCached } from './ours.js';
import { postgraphile } from './postgraphile.js';
import { raw } from './raw.js';
import type { Implementation } from './types.js';

/** Ours first: the correctness gate compares every other answer with it. */
export const implementations: Implementation[] = [ours, naive, postgraphile, raw, oursCached];
