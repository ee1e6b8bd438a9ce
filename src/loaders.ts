import DataLoader from 'dataloader';
import { db } from './db.js';

function byId<T extends { id: number }>(load: (ids: number[]) => Promise<T[]>) {
  return new DataLoader<number, T | null>(async (ids) => {
    const rows = new Map((await load([...ids])).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

/** Batches the reads Prisma's query planning cannot see: entities found by search, by type. */
export function createLoaders() {
  return {
    agreementById: byId((ids) => db.agreement.findMany({ where: { id: { in: ids } } })),
    partyById: byId((ids) => db.party.findMany({ where: { id: { in: ids } } })),
    officialById: byId((ids) => db.official.findMany({ where: { id: { in: ids } } })),
    commitmentById: byId((ids) => db.commitment.findMany({ where: { id: { in: ids } } })),
    industryById: byId((ids) => db.industry.findMany({ where: { id: { in: ids } } })),
    relatedReportById: byId((ids) => db.relatedReport.findMany({ where: { id: { in: ids } } })),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
