import type { Db } from './client.js';

/** A source document's text as received, or null when no document has the id. */
export async function rawTextOf(db: Db, id: number): Promise<{ key: string; rawText: string } | null> {
  return db.sourceDocument.findUnique({ where: { id }, select: { key: true, rawText: true } });
}
