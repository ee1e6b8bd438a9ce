import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSourceFolder } from '../../src/seed/documents.js';
import { seedDocument } from '../../src/seed/write.js';
import { article, curated } from '../support/article.js';
import { useSeededDatabase } from '../support/database.js';
import { snapshotTables, tables } from '../support/tables.js';

const { db } = useSeededDatabase();

// A clearly fictional document, in this test's database only: it shares the bureau with the article.
const fictional = readSourceFolder(
  path.join(import.meta.dirname, '..', 'support', 'documents', 'fictional-test-document'),
);
const fictionalEntities = fictional.entities as { parties: { key: string }[] };

async function quotesOf(partyKey: string) {
  const quotes = await db.sourceQuote.findMany({
    where: { party: { key: partyKey } },
    select: { text: true, document: { select: { key: true } } },
    orderBy: [{ documentId: 'asc' }, { start: 'asc' }],
  });
  return quotes.map((quote) => [quote.document.key, quote.text]);
}

const withFictional = (entities: unknown) => ({ ...fictional, entities });

describe('seeding per document', () => {
  beforeAll(async () => {
    await seedDocument(db, fictional);
  });

  it('matches a shared entity by its key: one bureau, with the quotes of both documents', async () => {
    expect(await db.party.count({ where: { key: 'hubei-quality-bureau' } })).toBe(1);
    expect(await quotesOf('hubei-quality-bureau')).toEqual([
      ['xiangyang-2012', '湖北省質量技術監督局局長王澤洪'],
      ['xiangyang-2012', '湖北省質監局將重點支持'],
      ['fictional-test-document', '湖北省質量技術監督局與虛構測試研究所'],
    ]);
    expect(await db.party.findUnique({ where: { key: 'fictional-test-institute' } })).not.toBeNull();
    expect(await db.party.count()).toBe(curated.parties.length + 1);
  });

  it('leaves the other document and its quotes intact when a document is seeded again, either way round', async () => {
    const before = await snapshotTables(db);
    await seedDocument(db, article);
    expect(await snapshotTables(db)).toEqual(before);
    await seedDocument(db, fictional);
    expect(await snapshotTables(db)).toEqual(before);
  });

  it("removes only the document's own rows that its data no longer holds", async () => {
    const withoutInstitute = {
      ...fictionalEntities,
      parties: fictionalEntities.parties.filter((party) => party.key === 'hubei-quality-bureau'),
      document: { ...(fictional.entities as { document: object }).document, publisher: 'hubei-quality-bureau' },
    };
    await seedDocument(db, withFictional(withoutInstitute));
    expect(await db.party.findUnique({ where: { key: 'fictional-test-institute' } })).toBeNull();
    const institute = await db.searchTerm.count({ where: { term: { contains: '虛構測試研究所' } } });
    expect(institute).toBe(0);

    // The bureau is the article's too: dropped from the fictional document, it stays, with the article's quotes.
    const withoutBureau = {
      ...withoutInstitute,
      parties: fictionalEntities.parties.filter((party) => party.key === 'fictional-test-institute'),
      document: { ...(fictional.entities as { document: object }).document },
    };
    await seedDocument(db, withFictional(withoutBureau));
    expect(await quotesOf('hubei-quality-bureau')).toEqual([
      ['xiangyang-2012', '湖北省質量技術監督局局長王澤洪'],
      ['xiangyang-2012', '湖北省質監局將重點支持'],
    ]);
    expect(await db.party.findUnique({ where: { key: 'fictional-test-institute' } })).not.toBeNull();
    await seedDocument(db, fictional);
  });

  it('deletes a row the article drops, and only that one, and writes it again when it comes back', async () => {
    const before = await snapshotTables(db);
    const [dropped, ...kept] = curated.relatedReports;
    await seedDocument(db, { ...article, entities: { ...curated, relatedReports: kept } });
    expect(await db.relatedReport.findUnique({ where: { key: dropped?.key } })).toBeNull();
    expect(await db.relatedReport.count()).toBe(kept.length);
    expect(await db.party.count()).toBe(curated.parties.length + 1);
    await seedDocument(db, article);
    const after = await snapshotTables(db);
    const withoutIds = (rows: unknown[]) => rows.length;
    for (const table of tables.filter((t) => t !== 'Revision'))
      expect(withoutIds(after[table] ?? []), table).toBe(withoutIds(before[table] ?? []));
    const report = await db.relatedReport.findUniqueOrThrow({ where: { key: dropped?.key } });
    // Its removal holds the whole row, and its return is a creation: both by the article's ingest.
    const history = await db.revision.findMany({
      where: { entityType: 'RelatedReport', actor: 'ingest:xiangyang-2012', action: { in: ['DELETE', 'CREATE'] } },
      orderBy: { id: 'desc' },
      take: 2,
    });
    expect(history.map((revision) => [revision.action, revision.entityId === report.id])).toEqual([
      ['CREATE', true],
      ['DELETE', false],
    ]);
    const removal = history[1]?.changes as Record<string, { before: unknown }> | undefined;
    expect(removal?.key?.before).toBe(dropped?.key);
    expect(removal?.titleZhHant?.before).toBe(report.titleZhHant);
  });

  it("deletes a part of an entity the article drops (a commitment's target), and writes it again", async () => {
    const withTargets = curated.commitments.findIndex((commitment) => commitment.targets.length > 0);
    expect(withTargets).toBeGreaterThanOrEqual(0);
    const commitments = curated.commitments.map((commitment, i) =>
      i === withTargets ? { ...commitment, targets: commitment.targets.slice(0, -1) } : commitment,
    );
    const targets = await db.target.count();
    await seedDocument(db, { ...article, entities: { ...curated, commitments } });
    expect(await db.target.count()).toBe(targets - 1);
    await seedDocument(db, article);
    expect(await db.target.count()).toBe(targets);
  });

  it('never touches rows that were written another way', async () => {
    const handWritten = await db.party.create({
      data: {
        key: 'fictional-hand-written-party',
        nameZhHant: '虛構手寫機構',
        nameZhHans: '虚构手写机构',
        kind: 'OTHER',
        aliases: [],
      },
    });
    await db.sourceQuote.create({
      data: {
        key: 'hand-written:0',
        documentId: (await db.sourceDocument.findUniqueOrThrow({ where: { key: 'fictional-test-document' } })).id,
        start: 0,
        end: 6,
        text: fictional.text.slice(0, 6),
        partyId: handWritten.id,
      },
    });
    await seedDocument(db, article);
    await seedDocument(db, fictional);
    expect(await db.party.findUnique({ where: { id: handWritten.id } })).not.toBeNull();
    expect(await quotesOf('fictional-hand-written-party')).toEqual([['fictional-test-document', '虛構測試文件']]);
    await db.party.delete({ where: { id: handWritten.id } });
  });
});
