import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../support/app.js';
import { snapshotTables } from '../support/tables.js';

const adminToken = 'fictional-admin-token-for-tests-0123456789';
const { graphql, db, database } = useApp({
  auth: { adminToken, jwt: undefined, failuresPerMinute: 100, trustProxy: false },
});
const asAdmin = { authorization: `Bearer ${adminToken}` };

const fictionalText = fs.readFileSync(
  new URL('../support/documents/fictional-test-document/article.txt', import.meta.url),
  'utf8',
);

const addDocument = `mutation ($input: AddSourceDocumentInput!) { addSourceDocument(input: $input) {
  __typename
  ... on AddSourceDocumentSuccess { document { id text title { zhHant zhHans } url publishedOn } revision { id action actor } }
  ... on ValidationError { field message }
} }`;

const setStatus = `mutation ($input: SetCommitmentStatusInput!) { setCommitmentStatus(input: $input) {
  __typename
  ... on SetCommitmentStatusSuccess { commitment { id status version } revision { id action actor changes reason } }
  ... on Error { message }
  ... on ValidationError { field }
  ... on NotFoundError { id }
  ... on StaleVersionError { currentVersion }
} }`;

const revert = `mutation ($input: RevertRevisionInput!) { revertRevision(input: $input) {
  __typename
  ... on RevertRevisionSuccess { revision { id action reverts { id } changes } }
  ... on Error { message }
  ... on ValidationError { field }
  ... on StaleVersionError { currentVersion }
} }`;

const history = `query ($id: ID!) { node(id: $id) { ... on Commitment {
  status version
  statusHistory { status asOf asOfPrecision evidence { text start end document { id } } revision { id } }
  revisions(first: 10) { totalCount edges { node { id action } } }
} } }`;

let documentId: string;
let commitmentIds: string[];
/** A span of the fictional document: the sentence that says it is fictional. */
let evidence: { documentId: string; start: number; end: number; text: string };

async function set(input: Record<string, unknown>, headers: Record<string, string> = asAdmin) {
  const { body, status } = await graphql(setStatus, { input }, headers);
  return { status, result: body.data?.setCommitmentStatus, errors: body.errors };
}

const inputFor = (commitmentId: string, overrides: Record<string, unknown> = {}) => ({
  commitmentId,
  status: 'IN_PROGRESS',
  asOf: '2013-05-01',
  evidence,
  expectedVersion: 1,
  ...overrides,
});

beforeAll(async () => {
  const { body } = await graphql(
    addDocument,
    {
      input: {
        key: 'fictional-test-document',
        rawText: fictionalText,
        url: 'https://example.invalid/fictional',
        publishedOn: '2013-06-01',
      },
    },
    asAdmin,
  );
  expect(body.data.addSourceDocument.__typename).toBe('AddSourceDocumentSuccess');
  documentId = body.data.addSourceDocument.document.id;
  const text: string = body.data.addSourceDocument.document.text;
  const sentence = '本文僅供測試使用，所述內容均屬虛構。';
  evidence = {
    documentId,
    start: text.indexOf(sentence),
    end: text.indexOf(sentence) + sentence.length,
    text: sentence,
  };
  const { body: list } = await graphql('{ commitments(first: 20) { edges { node { id } } } }');
  commitmentIds = list.data.commitments.edges.map((edge: { node: { id: string } }) => edge.node.id);
});

describe('addSourceDocument', () => {
  it('derives the cleaned text and the title, and records the creation', async () => {
    const row = await db.sourceDocument.findUniqueOrThrow({ where: { key: 'fictional-test-document' } });
    expect(row).toMatchObject({
      titleZhHant: '虛構測試文件：本文並非新聞報道',
      titleZhHans: '虚构测试文件：本文并非新闻报道',
      url: 'https://example.invalid/fictional',
    });
    expect(row.text).toBe(fictionalText);
    const revision = await db.revision.findFirstOrThrow({ where: { entityType: 'SourceDocument', entityId: row.id } });
    expect(revision).toMatchObject({ action: 'CREATE', actor: 'admin-token' });
    expect((revision.changes as Record<string, { after: unknown }>).key?.after).toBe('fictional-test-document');
  });

  it.each([
    ['a malformed key', { key: 'Not A Key', rawText: 'x' }, 'key'],
    ['a taken key', { key: 'fictional-test-document', rawText: 'x' }, 'key'],
    ['an empty text', { key: 'fictional-empty', rawText: '  ' }, 'rawText'],
    ['a URL that is not http', { key: 'fictional-url', rawText: 'x', url: 'javascript:alert(1)' }, 'url'],
    ['a NUL character', { key: 'fictional-nul', rawText: '虛構\u0000文件' }, 'rawText'],
    ['a title of control characters only', { key: 'fictional-control', rawText: 'x', title: '\u0001\u0002' }, 'title'],
  ])('refuses %s with ValidationError, writing nothing', async (_, input, field) => {
    const before = await snapshotTables(db);
    const { body } = await graphql(addDocument, { input }, asAdmin);
    expect(body.data.addSourceDocument).toMatchObject({ __typename: 'ValidationError', field });
    expect(await snapshotTables(db)).toEqual(before);
  });
});

describe('setCommitmentStatus', () => {
  it('changes the status and version, quotes the evidence, and records one revision', async () => {
    const id = commitmentIds[0] as string;
    const { result } = await set(inputFor(id, { reason: 'Fictional progress report' }));
    expect(result.commitment).toEqual({ id, status: 'IN_PROGRESS', version: 2 });
    expect(result.revision).toMatchObject({
      action: 'UPDATE',
      actor: 'admin-token',
      reason: 'Fictional progress report',
    });
    expect(result.revision.changes).toMatchObject({
      status: { before: 'PLEDGED', after: 'IN_PROGRESS' },
      statusHistory: { before: null, after: { status: 'IN_PROGRESS', asOf: '2013-05-01', evidence } },
    });
    const { body } = await graphql(history, { id });
    const commitment = body.data.node;
    expect(commitment.statusHistory).toEqual([
      {
        status: 'PLEDGED',
        asOf: '2012-01-01',
        asOfPrecision: 'YEAR',
        evidence: expect.objectContaining({ document: { id: expect.any(String) } }),
        revision: null,
      },
      {
        status: 'IN_PROGRESS',
        asOf: '2013-05-01',
        asOfPrecision: 'DAY',
        evidence: { text: evidence.text, start: evidence.start, end: evidence.end, document: { id: documentId } },
        revision: { id: result.revision.id },
      },
    ]);
    expect(commitment.statusHistory[0].evidence.document.id).not.toBe(documentId);
    // Newest first: this change, then the commitment's creation by the article's ingest.
    expect(commitment.revisions.totalCount).toBe(2);
    expect(commitment.revisions.edges.map((edge: { node: { action: string } }) => edge.node.action)).toEqual([
      'UPDATE',
      'CREATE',
    ]);
    expect(commitment.revisions.edges[0].node.id).toBe(result.revision.id);
    const { body: filtered } = await graphql(
      '{ commitments(status: IN_PROGRESS) { totalCount edges { node { id } } } }',
    );
    expect(filtered.data.commitments).toEqual({ totalCount: 1, edges: [{ node: { id } }] });
  });

  it.each([
    ['a malformed commitment ID', { commitmentId: 'nonsense' }, 'ValidationError', 'commitmentId'],
    ['the ID of another type', { commitmentId: 'UGFydHk6MQ==' }, 'ValidationError', 'commitmentId'],
    ['text that is not the span', { evidence: 'wrong-text' }, 'ValidationError', 'evidence.text'],
    ['a span past the end', { evidence: 'past-end' }, 'ValidationError', 'evidence.end'],
    ['a day before the agreement’s year', { asOf: '2011-12-31' }, 'ValidationError', 'asOf'],
    ['a day to come', { asOf: '2999-01-01' }, 'ValidationError', 'asOf'],
    ['the status it has', { status: 'PLEDGED' }, 'ValidationError', 'status'],
    ['an old version', { expectedVersion: 7 }, 'StaleVersionError', undefined],
    ['a commitment that does not exist', { commitmentId: 'Q29tbWl0bWVudDo5OTk5OTk=' }, 'NotFoundError', undefined],
  ])('refuses %s with %s, writing nothing', async (_, overrides, typename, field) => {
    const id = commitmentIds[1] as string;
    const spans: Record<string, unknown> = {
      'wrong-text': { ...evidence, text: `${evidence.text}!` },
      'past-end': { ...evidence, end: 100_000 },
    };
    const input: Record<string, unknown> = inputFor(id, overrides);
    if (typeof input.evidence === 'string') input.evidence = spans[input.evidence];
    const before = await snapshotTables(db);
    const { result } = await set(input);
    expect(result.__typename).toBe(typename);
    if (field) expect(result.field).toBe(field);
    if (typename === 'StaleVersionError') expect(result.currentVersion).toBe(1);
    expect(result.message).toEqual(expect.any(String));
    expect(await snapshotTables(db)).toEqual(before);
  });

  it('refuses writers without a token (401) or without CURATE (403), writing nothing', async () => {
    const before = await snapshotTables(db);
    const anonymous = await set(inputFor(commitmentIds[1] as string), {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(await snapshotTables(db)).toEqual(before);
  });

  it('writes in one SQL statement (two with an API key, which is looked up on every request)', async () => {
    const sql: string[] = [];
    const listener = (text: string) => void sql.push(text);
    database.statementListeners.add(listener);
    try {
      const { result } = await set(inputFor(commitmentIds[5] as string));
      expect(result.__typename).toBe('SetCommitmentStatusSuccess');
      expect(sql).toHaveLength(1);
      expect(sql[0]).toMatch(/^WITH "current" AS/);
    } finally {
      database.statementListeners.delete(listener);
    }
  });

  it('lets exactly one of ten concurrent writers with one expectedVersion through', async () => {
    const id = commitmentIds[2] as string;
    const statuses = ['IN_PROGRESS', 'FULFILLED', 'LAPSED'];
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => set(inputFor(id, { status: statuses[i % 3] }))),
    );
    const kinds = results.map(({ result }) => result.__typename).sort();
    expect(kinds).toEqual(['SetCommitmentStatusSuccess', ...Array(9).fill('StaleVersionError')]);
    for (const { result } of results)
      if (result.__typename === 'StaleVersionError') expect(result.currentVersion).toBe(2);
    const { body } = await graphql(history, { id });
    expect(body.data.node.version).toBe(2);
    expect(body.data.node.statusHistory).toHaveLength(2);
    expect(body.data.node.revisions.totalCount).toBe(2);
  });
});

describe('Agreement.commitmentCounts', () => {
  it('counts the commitments at every status, as the table holds them', async () => {
    const { body } = await graphql('{ agreements(first: 1) { edges { node { commitmentCounts { status count } } } } }');
    const counts = body.data.agreements.edges[0].node.commitmentCounts;
    const grouped = await db.commitment.groupBy({ by: ['status'], _count: true });
    const expected = Object.fromEntries(grouped.map((group) => [group.status, group._count]));
    expect(counts.map((c: { status: string }) => c.status)).toEqual(['PLEDGED', 'IN_PROGRESS', 'FULFILLED', 'LAPSED']);
    for (const { status, count } of counts) expect(count).toBe(expected[status] ?? 0);
    expect(counts.find((c: { status: string }) => c.status === 'IN_PROGRESS').count).toBeGreaterThan(0);
  });
});

describe('revertRevision', () => {
  it('undoes a status change as a new revision, refuses to undo it twice, and undoes the undoing', async () => {
    const id = commitmentIds[3] as string;
    const { result } = await set(inputFor(id, { status: 'FULFILLED' }));
    const first = await graphql(
      revert,
      { input: { revisionId: result.revision.id, reason: 'Fictional mistake' } },
      asAdmin,
    );
    const undone = first.body.data.revertRevision;
    expect(undone.revision).toMatchObject({ action: 'REVERT', reverts: { id: result.revision.id } });
    expect(undone.revision.changes.status).toEqual({ before: 'FULFILLED', after: 'PLEDGED' });
    let { body } = await graphql(history, { id });
    expect(body.data.node).toMatchObject({ status: 'PLEDGED', version: 3 });
    expect(body.data.node.statusHistory.map((entry: { status: string }) => entry.status)).toEqual(['PLEDGED']);

    const twice = await graphql(revert, { input: { revisionId: result.revision.id } }, asAdmin);
    expect(twice.body.data.revertRevision).toMatchObject({ __typename: 'StaleVersionError', currentVersion: 3 });

    const again = await graphql(revert, { input: { revisionId: undone.revision.id } }, asAdmin);
    expect(again.body.data.revertRevision.__typename).toBe('RevertRevisionSuccess');
    ({ body } = await graphql(history, { id }));
    expect(body.data.node).toMatchObject({ status: 'FULFILLED', version: 4 });
    expect(
      body.data.node.statusHistory.map((entry: { status: string; asOf: string }) => [entry.status, entry.asOf]),
    ).toEqual([
      ['PLEDGED', '2012-01-01'],
      ['FULFILLED', '2013-05-01'],
    ]);
    expect(body.data.node.revisions.edges.map((edge: { node: { action: string } }) => edge.node.action)).toEqual([
      'REVERT',
      'REVERT',
      'UPDATE',
      'CREATE',
    ]);
  });

  it('refuses to revert a change a later revision built on', async () => {
    const id = commitmentIds[4] as string;
    const { result: first } = await set(inputFor(id));
    await set(inputFor(id, { status: 'FULFILLED', asOf: '2013-07-01', expectedVersion: 2 }));
    const before = await snapshotTables(db);
    const { body } = await graphql(revert, { input: { revisionId: first.revision.id } }, asAdmin);
    expect(body.data.revertRevision).toMatchObject({ __typename: 'StaleVersionError', currentVersion: 3 });
    expect(await snapshotTables(db)).toEqual(before);
  });

  it('refuses to remove a document that is quoted, and removes an unquoted one', async () => {
    const documentRevision = await db.revision.findFirstOrThrow({
      // The fictional document, added through the API and quoted as evidence since.
      where: { entityType: 'SourceDocument', action: 'CREATE', actor: 'admin-token' },
    });
    const globalId = Buffer.from(`Revision:${documentRevision.id}`).toString('base64');
    const { body } = await graphql(revert, { input: { revisionId: globalId } }, asAdmin);
    expect(body.data.revertRevision).toMatchObject({ __typename: 'InUseError' });
    expect(body.data.revertRevision.message).toMatch(/quotes/);

    const { body: added } = await graphql(
      addDocument,
      { input: { key: 'fictional-unquoted', rawText: '虛構的未引用文件' } },
      asAdmin,
    );
    const removed = await graphql(revert, { input: { revisionId: added.data.addSourceDocument.revision.id } }, asAdmin);
    expect(removed.body.data.revertRevision.__typename).toBe('RevertRevisionSuccess');
    expect(await db.sourceDocument.findUnique({ where: { key: 'fictional-unquoted' } })).toBeNull();
    const restored = await graphql(
      revert,
      { input: { revisionId: removed.body.data.revertRevision.revision.id } },
      asAdmin,
    );
    expect(restored.body.data.revertRevision.__typename).toBe('RevertRevisionSuccess');
    expect(await db.sourceDocument.findUnique({ where: { key: 'fictional-unquoted' } })).toMatchObject({
      text: '虛構的未引用文件',
    });
  });
});

describe('the revisions table', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(db.$executeRawUnsafe(`UPDATE "Revision" SET "actor" = 'someone else'`)).rejects.toThrow(
      /never changed or erased/,
    );
    await expect(db.$executeRawUnsafe(`DELETE FROM "Revision"`)).rejects.toThrow(/never changed or erased/);
    await expect(db.$executeRawUnsafe(`TRUNCATE "Revision" CASCADE`)).rejects.toThrow(/never changed or erased/);
  });

  it('is the feed of Query.revisions, newest first, since an instant', async () => {
    const { body } = await graphql(
      '{ revisions(first: 100) { totalCount edges { node { id at action entityId entity { id } } } } }',
    );
    const nodes = body.data.revisions.edges.map((edge: { node: unknown }) => edge.node);
    expect(body.data.revisions.totalCount).toBe(await db.revision.count({ where: { entityType: { not: 'ApiKey' } } }));
    const ids = nodes.map((node: { id: string }) => Number(Buffer.from(node.id, 'base64').toString().split(':')[1]));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    for (const node of nodes) if (node.entity) expect(node.entity.id).toBe(node.entityId);
    const latest = nodes[0].at;
    const { body: since } = await graphql('query ($since: DateTime) { revisions(since: $since) { totalCount } }', {
      since: latest,
    });
    expect(since.data.revisions.totalCount).toBe(0);
  });
});
