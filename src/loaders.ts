import DataLoader from 'dataloader';
import { db } from './db.js';
import type { SearchEntityType } from './generated/prisma/enums.js';

function byId<T extends { id: number }>(load: (ids: number[]) => Promise<T[]>) {
  return new DataLoader<number, T | null>(async (ids) => {
    const rows = new Map((await load([...ids])).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

/** Batches the reads Prisma's query planning cannot see: entities found by search, one loader per type. */
export function createLoaders() {
  return {
    entityById: {
      AGREEMENT: byId((ids) => db.agreement.findMany({ where: { id: { in: ids } } })),
      PARTY: byId((ids) => db.party.findMany({ where: { id: { in: ids } } })),
      OFFICIAL: byId((ids) => db.official.findMany({ where: { id: { in: ids } } })),
      COMMITMENT: byId((ids) => db.commitment.findMany({ where: { id: { in: ids } } })),
      INDUSTRY: byId((ids) => db.industry.findMany({ where: { id: { in: ids } } })),
      RELATED_REPORT: byId((ids) => db.relatedReport.findMany({ where: { id: { in: ids } } })),
    } satisfies Record<SearchEntityType, DataLoader<number, object | null>>,
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
