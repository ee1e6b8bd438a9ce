import { afterAll, describe, expect, it } from 'vitest';
import { apiConfig, useApp } from '../support/app.js';
import { listening, subscribeSse, subscribeWs } from '../support/feed.js';

const adminToken = 'fictional-admin-token-for-tests-0123456789';
const auth = { adminToken, jwt: undefined, failuresPerMinute: 100, trustProxy: false };
const { app, graphql, db } = useApp({ auth });
const asAdmin = { authorization: `Bearer ${adminToken}` };

const feed = `subscription ($entityId: ID, $after: ID) {
  revisionAdded(entityId: $entityId, after: $after) { id action actor entityId changes entity { id } }
}`;

const addDocument = `mutation ($input: AddSourceDocumentInput!) { addSourceDocument(input: $input) {
  __typename ... on AddSourceDocumentSuccess { document { id } revision { id } } ... on Error { message }
} }`;

let documents = 0;
/** A new document through the API: one CREATE revision, committed when the answer comes. */
async function addOne() {
  documents += 1;
  const key = `feed-document-${documents}`;
  const { body } = await graphql(addDocument, { input: { key, rawText: `虛構的測試文件 ${documents}。` } }, asAdmin);
  expect(body.data.addSourceDocument.__typename).toBe('AddSourceDocumentSuccess');
  return body.data.addSourceDocument as { document: { id: string }; revision: { id: string } };
}

const ids = (events: { data?: { revisionAdded: { id: string } } | null }[]) =>
  events.map((event) => event.data?.revisionAdded.id);

afterAll(() => app.dispose());

describe('revisionAdded over server-sent events', () => {
  it('sends a revision once its mutation commits, and nothing for a refused or rolled-back one', async () => {
    const { status, reader } = await subscribeSse(app, feed);
    expect(status).toBe(200);
    // Refused before anything is written.
    const { body } = await graphql(addDocument, { input: { key: 'Not A Key', rawText: 'x' } }, asAdmin);
    expect(body.data.addSourceDocument.__typename).toBe('ValidationError');
    // Written, then rolled back.
    await expect(
      db.$transaction(async (tx) => {
        await tx.revision.create({
          data: { actor: 'feed-test', action: 'CREATE', entityType: 'SourceDocument', entityId: 1, changes: {} },
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const added = await addOne();
    const [event] = await reader.take(1);
    expect(event?.data?.revisionAdded).toMatchObject({
      id: added.revision.id,
      action: 'CREATE',
      actor: 'admin-token',
      entityId: added.document.id,
      entity: { id: added.document.id },
    });
    expect(await reader.quiet(300)).toEqual([]);
    await reader.cancel();
  });

  it('sends every revision after `after` first, in order, then the live ones, none twice', async () => {
    const first = await addOne();
    const missed = [await addOne(), await addOne(), await addOne()];
    const { reader } = await subscribeSse(app, feed, { after: first.revision.id });
    const replayed = await reader.take(3);
    expect(ids(replayed)).toEqual(missed.map((added) => added.revision.id));
    const live = await addOne();
    expect(ids(await reader.take(4))).toEqual([...missed, live].map((added) => added.revision.id));
    expect(await reader.quiet(300)).toEqual([]);
    await reader.cancel();
  });

  it('narrows to one entity with entityId', async () => {
    const target = await addOne();
    const { reader } = await subscribeSse(app, feed, { entityId: target.document.id, after: target.revision.id });
    await addOne();
    const { body } = await graphql(
      `mutation ($input: RevertRevisionInput!) { revertRevision(input: $input) { __typename ... on RevertRevisionSuccess { revision { id } } ... on Error { message } } }`,
      { input: { revisionId: target.revision.id, reason: 'feed test' } },
      asAdmin,
    );
    expect(body.data.revertRevision.__typename).toBe('RevertRevisionSuccess');
    await addOne();
    const [event] = await reader.take(1);
    expect(event?.data?.revisionAdded).toMatchObject({
      id: body.data.revertRevision.revision.id,
      action: 'REVERT',
      entityId: target.document.id,
    });
    expect(await reader.quiet(300)).toEqual([]);
    await reader.cancel();
  });

  it('refuses an `after` that names no revision, or names another type', async () => {
    for (const after of ['UmV2aXNpb246OTk5OTk5', 'UGFydHk6MQ==']) {
      const { reader } = await subscribeSse(app, feed, { after });
      const [event] = await reader.take(1);
      expect(event?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      await reader.cancel();
    }
  });
});

describe('revisionAdded over WebSocket (graphql-ws)', () => {
  it('sends a revision once its mutation commits, with `after` replay first', async () => {
    const server = await listening(app, apiConfig({ auth }));
    try {
      const first = await addOne();
      const missed = await addOne();
      const client = subscribeWs(server.url, feed, { after: first.revision.id });
      await client.take(1);
      const live = await addOne();
      const events = await client.take(2);
      expect(ids(events)).toEqual([missed.revision.id, live.revision.id]);
      await client.close();
    } finally {
      await server.close();
    }
  });
});
