import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readSourceFolder } from '../../src/seed/documents.js';
import { seedDocument } from '../../src/seed/write.js';
import { useApp } from '../support/app.js';
import { article, curated } from '../support/article.js';
import { snapshotTables } from '../support/tables.js';

const adminToken = 'fictional-admin-token-for-tests-0123456789';
const { graphql, db } = useApp({ auth: { adminToken, jwt: undefined, failuresPerMinute: 100, trustProxy: false } });
const asAdmin = { authorization: `Bearer ${adminToken}` };
const actor = 'ingest:xiangyang-2012';

// A clearly fictional document, in this test's database only: it shares the bureau with the article.
const fictional = readSourceFolder(
  path.join(import.meta.dirname, '..', 'support', 'documents', 'fictional-test-document'),
);

describe('ingesting a document', () => {
  it('records every row it created as a CREATE revision by ingest:<key>, with the whole row', async () => {
    for (const [model, count] of [
      ['Party', await db.party.count()],
      ['Commitment', await db.commitment.count()],
      ['RelatedReport', await db.relatedReport.count()],
      ['SourceQuote', await db.sourceQuote.count()],
    ] as const) {
      expect(await db.revision.count({ where: { actor, action: 'CREATE', entityType: model } }), model).toBe(count);
    }
    const party = await db.party.findUniqueOrThrow({ where: { key: 'hubei-quality-bureau' } });
    const created = await db.revision.findFirstOrThrow({ where: { entityType: 'Party', entityId: party.id } });
    expect(created.changes).toMatchObject({
      key: { before: null, after: 'hubei-quality-bureau' },
      nameZhHant: { before: null, after: party.nameZhHant },
    });
  });

  it('writes nothing, history included, when the data has not changed', async () => {
    const before = await snapshotTables(db);
    expect((await seedDocument(db, article)).conflicts).toEqual([]);
    expect(await snapshotTables(db)).toEqual(before);
  });

  it('records a data fix as an UPDATE of the fields it changed, and a second document changes only its own', async () => {
    const [first, ...rest] = curated.parties;
    if (!first) throw new Error('no party');
    const fixed = { ...first, name: { ...first.name, en: `${first.name.en} (fictional correction)` } };
    await seedDocument(db, { ...article, entities: { ...curated, parties: [fixed, ...rest] } });
    const row = await db.party.findUniqueOrThrow({ where: { key: first.key } });
    const update = await db.revision.findFirstOrThrow({
      where: { entityType: 'Party', entityId: row.id, action: 'UPDATE' },
      orderBy: { id: 'desc' },
    });
    expect(update).toMatchObject({ actor });
    expect(update.changes).toEqual({
      nameEn: { before: first.name.en, after: `${first.name.en} (fictional correction)` },
    });
    await seedDocument(db, article);
    expect((await db.party.findUniqueOrThrow({ where: { key: first.key } })).nameEn).toBe(first.name.en);

    const revisions = await db.revision.count();
    await seedDocument(db, fictional);
    const bureau = await db.party.findUniqueOrThrow({ where: { key: 'hubei-quality-bureau' } });
    const byFictional = await db.revision.findMany({ where: { actor: 'ingest:fictional-test-document' } });
    expect(byFictional.length).toBe((await db.revision.count()) - revisions);
    expect(byFictional.some((revision) => revision.entityType === 'Party' && revision.entityId === bureau.id)).toBe(
      false,
    );
  });

  it("keeps a curator's status on re-ingest and reports the conflict; --prefer-data takes the data's, as a revision", async () => {
    const { body: added } = await graphql(
      `mutation { addSourceDocument(input: { key: "fictional-progress-report", rawText: "虛構的進展報告：僅供測試。" }) {
        ... on AddSourceDocumentSuccess { document { id } } } }`,
      {},
      asAdmin,
    );
    const documentId = added.data.addSourceDocument.document.id;
    const commitment = await db.commitment.findUniqueOrThrow({ where: { key: curated.commitments[0]?.key } });
    const { body } = await graphql(
      `mutation ($input: SetCommitmentStatusInput!) { setCommitmentStatus(input: $input) { __typename } }`,
      {
        input: {
          commitmentId: Buffer.from(`Commitment:${commitment.id}`).toString('base64'),
          status: 'IN_PROGRESS',
          asOf: '2013-01-01',
          expectedVersion: commitment.version,
          evidence: { documentId, start: 0, end: 5, text: '虛構的進展' },
        },
      },
      asAdmin,
    );
    expect(body.data.setCommitmentStatus.__typename).toBe('SetCommitmentStatusSuccess');

    const kept = await seedDocument(db, article);
    expect(kept.conflicts).toEqual([
      {
        model: 'Commitment',
        row: commitment.key,
        field: 'status',
        data: 'PLEDGED',
        curated: 'IN_PROGRESS',
        kept: 'curated',
      },
    ]);
    expect(await db.commitment.findUniqueOrThrow({ where: { id: commitment.id } })).toMatchObject({
      status: 'IN_PROGRESS',
      version: commitment.version + 1,
    });

    const taken = await seedDocument(db, article, { preferData: true });
    expect(taken.conflicts.map((conflict) => conflict.kept)).toEqual(['data']);
    expect(await db.commitment.findUniqueOrThrow({ where: { id: commitment.id } })).toMatchObject({
      status: 'PLEDGED',
      version: commitment.version + 2,
    });
    const revision = await db.revision.findFirstOrThrow({
      where: { entityType: 'Commitment', entityId: commitment.id },
      orderBy: { id: 'desc' },
    });
    expect(revision).toMatchObject({
      actor,
      action: 'UPDATE',
      changes: { status: { before: 'IN_PROGRESS', after: 'PLEDGED' } },
    });
  });

  it("records a commitment's parties as its fields, and keeps a curator's removal of one on re-ingest", async () => {
    const key = curated.commitments.find((c) => c.committedBy.length > 1)?.key;
    const commitment = await db.commitment.findUniqueOrThrow({ where: { key }, include: { committedBy: true } });
    const ids = commitment.committedBy.map((party) => party.id).sort((a, b) => a - b);
    const created = await db.revision.findFirstOrThrow({
      where: { entityType: 'Commitment', entityId: commitment.id, action: 'CREATE' },
    });
    expect((created.changes as Record<string, unknown>).committedBy).toEqual({ before: null, after: ids });

    const { body } = await graphql(
      `mutation ($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { __typename } }`,
      {
        input: {
          id: Buffer.from(`Commitment:${commitment.id}`).toString('base64'),
          expectedVersion: commitment.version,
          committedByIds: [Buffer.from(`Party:${ids[0]}`).toString('base64')],
        },
      },
      asAdmin,
    );
    expect(body.data.updateCommitment.__typename).toBe('UpdateCommitmentSuccess');
    const kept = await seedDocument(db, article);
    expect(kept.conflicts).toContainEqual({
      model: 'Commitment',
      row: key,
      field: 'committedBy',
      data: ids,
      curated: [ids[0]],
      kept: 'curated',
    });
    const after = await db.commitment.findUniqueOrThrow({
      where: { id: commitment.id },
      include: { committedBy: true },
    });
    expect(after.committedBy.map((party) => party.id)).toEqual([ids[0]]);

    await seedDocument(db, article, { preferData: true });
    const restored = await db.commitment.findUniqueOrThrow({
      where: { id: commitment.id },
      include: { committedBy: true },
    });
    expect(restored.committedBy.map((party) => party.id).sort((a, b) => a - b)).toEqual(ids);
    const revision = await db.revision.findFirstOrThrow({
      where: { entityType: 'Commitment', entityId: commitment.id },
      orderBy: { id: 'desc' },
    });
    expect(revision).toMatchObject({
      actor,
      action: 'UPDATE',
      changes: { committedBy: { before: [ids[0]], after: ids } },
    });
  });

  it('npm run ingest prints a summary line per document with its count of conflicts', async () => {
    const run = promisify(execFile);
    // The script against a database of its own, seeded by it: no conflict, the summary line only.
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/seed.ts', 'data/articles/xiangyang-2012'],
      {
        cwd: path.resolve(import.meta.dirname, '..', '..'),
        env: { ...process.env, DATABASE_URL: '', DATA_DIR: 'memory://' },
      },
    );
    expect(stdout).toMatch(/^Ingested xiangyang-2012: .*, 0 conflicts\.$/m);
  });
});
