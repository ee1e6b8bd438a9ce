import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSourceFolder } from '../../src/seed/documents.js';
import { seedDocument } from '../../src/seed/write.js';
import { apiConfig, useApp } from '../support/app.js';
import { type FeedEvent, listening, subscribeSse, subscribeWs, until } from '../support/feed.js';

const adminToken = 'fictional-admin-token-for-tests-0123456789';
const auth = { adminToken, jwt: undefined, failuresPerMinute: 100, trustProxy: false };
const { app, makeApp, graphql, db } = useApp({ auth });
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

const ids = (events: FeedEvent[]) => events.map((event) => event.data?.revisionAdded.id as string);

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

describe('every writer', () => {
  it('sends the revisions ingest writes, as its transaction commits', async () => {
    const { reader } = await subscribeSse(app, feed);
    const folder = readSourceFolder(
      path.join(import.meta.dirname, '..', 'support', 'documents', 'fictional-test-document'),
    );
    await seedDocument(db, folder);
    const actor = 'ingest:fictional-test-document';
    const written = await db.revision.count({ where: { actor } });
    expect(written).toBeGreaterThan(1);
    const events = await reader.take(written);
    expect(events.map((event) => event.data?.revisionAdded.actor)).toEqual(Array(written).fill(actor));
    expect(await reader.quiet(300)).toEqual([]);
    await reader.cancel();
  });
});

describe('who sees what', () => {
  it('sends revisions of API keys to ADMIN tokens only, as Query.revisions does', async () => {
    const anonymous = await subscribeSse(app, feed);
    const admin = await subscribeSse(app, feed, {}, asAdmin);
    const { body } = await graphql(
      'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on CreateApiKeySuccess { token apiKey { id } } } }',
      { input: { name: 'Feed test curator', scopes: ['CURATE'] } },
      asAdmin,
    );
    const key = body.data.createApiKey;
    const added = await addOne();
    const [seenByAdmin, alsoByAdmin] = await admin.reader.take(2);
    expect(seenByAdmin?.data?.revisionAdded.entityId).toBe(key.apiKey.id);
    expect(alsoByAdmin?.data?.revisionAdded.id).toBe(added.revision.id);
    expect(ids(await anonymous.reader.take(1))).toEqual([added.revision.id]);
    // A curator's key is not enough, and neither is naming the key or passing its revision as `after`.
    const curator = { authorization: `Bearer ${key.token}` };
    const narrowed = await subscribeSse(app, feed, { entityId: key.apiKey.id }, curator);
    const { reader: after } = await subscribeSse(app, feed, { after: seenByAdmin?.data?.revisionAdded.id }, curator);
    expect((await after.take(1))[0]?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await graphql(
      'mutation ($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { __typename } }',
      { input: { apiKeyId: key.apiKey.id } },
      asAdmin,
    );
    expect(await narrowed.reader.quiet(500)).toEqual([]);
    expect(ids(await admin.reader.take(3)).length).toBe(3);
    for (const { reader } of [anonymous, admin, narrowed]) await reader.cancel();
  });
});

describe('limits', () => {
  const limited = makeApp(apiConfig({ auth, limits: { cost: 30, depth: 7 } }));
  afterAll(() => limited.dispose());
  const costly = `subscription { revisionAdded { id entity { ... on Commitment { revisions(first: 50) { edges { node { id } } } } } } }`;
  const deep =
    'subscription { revisionAdded { reverts { reverts { reverts { reverts { reverts { reverts { id } } } } } } } }';

  it('refuses a subscription over the cost or depth limit before it starts, over SSE', async () => {
    for (const [query, code] of [
      [costly, 'QUERY_TOO_COSTLY'],
      [deep, 'QUERY_TOO_DEEP'],
    ] as const) {
      const { reader } = await subscribeSse(limited, query);
      const [event] = await reader.take(1);
      expect(event?.errors?.[0]?.extensions?.code).toBe(code);
      expect(event?.data ?? null).toBeNull();
    }
  });

  it('refuses @include on the root field with 400 GRAPHQL_VALIDATION_FAILED (graphql-js throws there)', async () => {
    const { status, body } = await graphql('subscription ($b: Boolean!) { revisionAdded @include(if: $b) { id } }', {
      b: true,
    });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses them over WebSocket too', async () => {
    const server = await listening(limited, apiConfig({ auth, limits: { cost: 30, depth: 7 } }));
    try {
      for (const [query, code] of [
        [costly, 'QUERY_TOO_COSTLY'],
        [deep, 'QUERY_TOO_DEEP'],
      ] as const) {
        const client = subscribeWs(server.url, query);
        const [event] = await client.take(1);
        expect(event?.errors?.[0]?.extensions?.code).toBe(code);
        await client.close();
      }
    } finally {
      await server.close();
    }
  });
});

describe('a slow consumer', () => {
  // In-process, Node 22's Response reads a stream ahead of its reader without bound, so the revisions never wait in
  // the feed there; over a socket the server waits for 'drain' (@whatwg-node/server) and they do. Node 20 runs it.
  it.skipIf(Number(process.versions.node.split('.')[0]) >= 22)(
    'is ended with SUBSCRIBER_TOO_SLOW over SSE once FEED_BUFFER revisions wait for it',
    async () => {
      const small = makeApp(apiConfig({ auth, feedBuffer: 5 }));
      try {
        const { reader } = await subscribeSse(small, feed);
        // Read one event, so that the stream is live, then stop reading while 30 revisions are written.
        const first = await addOne();
        expect(ids(await reader.take(1))).toEqual([first.revision.id]);
        for (let i = 0; i < 30; i++) await addOne();
        await until(() => small.feed.size === 0);
        const events = await reader.take(100);
        expect(reader.completed).toBe(true);
        const last = events.at(-1);
        expect(last?.errors?.[0]?.extensions?.code).toBe('SUBSCRIBER_TOO_SLOW');
        expect(events.length).toBeLessThan(31);
      } finally {
        await small.dispose();
      }
    },
  );
});

describe('trusted documents in production', () => {
  const trusted = JSON.parse(
    fs.readFileSync(new URL('../../examples/consumer/generated/persisted-documents.json', import.meta.url), 'utf8'),
  ) as Record<string, string>;
  const hash = Object.entries(trusted).find(([, query]) => query.startsWith('subscription RevisionAdded'))?.[0] ?? '';
  const config = apiConfig({ auth }, { NODE_ENV: 'production' });

  it('accepts the registered subscription by its hash and refuses any other document, over SSE and WebSocket', async () => {
    expect(hash).toMatch(/^sha256:/);
    const production = makeApp(config);
    const server = await listening(production, config);
    try {
      const raw = await subscribeSse(production, feed);
      expect((await raw.reader.take(1))[0]?.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
      const rawWs = subscribeWs(server.url, feed);
      await until(() => rawWs.failed !== null);
      expect((rawWs.failed as { extensions?: { code?: string } }[])[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
      await rawWs.close();
      const sse = await subscribeSse(production, hash);
      const ws = subscribeWs(server.url, hash);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const added = await addOne();
      expect(ids(await sse.reader.take(1))).toEqual([added.revision.id]);
      expect(ids(await ws.take(1))).toEqual([added.revision.id]);
      await sse.reader.cancel();
      await ws.close();
    } finally {
      await server.close();
      await production.dispose();
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

  it('takes the token from connectionParams: revisions of API keys for ADMIN only', async () => {
    const server = await listening(app, apiConfig({ auth }));
    try {
      const admin = subscribeWs(server.url, feed, {}, { authorization: `Bearer ${adminToken}` });
      const anonymous = subscribeWs(server.url, feed);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const { body } = await graphql(
        'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on CreateApiKeySuccess { apiKey { id } } } }',
        { input: { name: 'Feed test curator over WebSocket', scopes: ['CURATE'] } },
        asAdmin,
      );
      const added = await addOne();
      expect((await admin.take(2)).map((event) => event.data?.revisionAdded.entityId)).toEqual([
        body.data.createApiKey.apiKey.id,
        added.document.id,
      ]);
      expect(ids(await anonymous.take(1))).toEqual([added.revision.id]);
      const refused = subscribeWs(server.url, feed, {}, { authorization: 'Bearer not-a-token' });
      await until(() => refused.failed !== null);
      expect((refused.failed as { extensions?: { code?: string } }[])[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      for (const client of [admin, anonymous, refused]) await client.close();
    } finally {
      await server.close();
    }
  });
});
