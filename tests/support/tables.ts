import type { Db } from '../../src/data/client.js';

/** Every table the graph's data lives in. */
export const tables = [
  'SourceDocument',
  'SourceQuote',
  'Agreement',
  'CooperationArea',
  'AgreementParty',
  'Party',
  'Official',
  'Position',
  'Participation',
  'Commitment',
  'Target',
  'Industry',
  'RelatedReport',
  'SearchTerm',
  'SearchGram',
  '_CommitmentCommitter',
  '_CommitmentBeneficiary',
  '_CommitmentToIndustry',
  'IndustryReport',
  'SeededRow',
  'CommitmentStatusChange',
  'Revision',
  'ApiKey',
];

/** The rows of every table, in a stable order, to compare before and after a change. */
export async function snapshotTables(db: Db) {
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    out[table] = await db.$queryRawUnsafe(`SELECT to_jsonb(t) AS row FROM "${table}" t ORDER BY to_jsonb(t)::text`);
  }
  return out;
}
