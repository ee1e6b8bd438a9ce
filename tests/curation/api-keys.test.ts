import { describe, expect, it } from 'vitest';
import { apiConfig, useApp } from '../support/app.js';

const adminToken = 'fictional-admin-token-for-tests-0123456789';
const { graphql, db, makeApp } = useApp({
  auth: { adminToken, jwt: undefined, failuresPerMinute: 5, trustProxy: true },
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const createKey = `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) {
  __typename
  ... on CreateApiKeySuccess { token apiKey { id name scopes createdAt revokedAt } }
  ... on ValidationError { field message }
} }`;

const revokeKey = `mutation ($id: ID!) { revokeApiKey(input: { apiKeyId: $id }) {
  __typename
  ... on RevokeApiKeySuccess { apiKey { id revokedAt } }
  ... on NotFoundError { id }
} }`;

async function mint(name: string, scopes: string[]) {
  const { body } = await graphql(createKey, { input: { name, scopes } }, bearer(adminToken));
  return body.data.createApiKey;
}

describe('API keys', () => {
  it('mints a token shown once, stores only its SHA-256, and records the creation by the actor', async () => {
    const created = await mint('Fictional curator one', ['CURATE']);
    expect(created.__typename).toBe('CreateApiKeySuccess');
    expect(created.token).toMatch(/^xyg_[A-Za-z0-9_-]{43}$/);
    const row = await db.apiKey.findUniqueOrThrow({ where: { name: 'Fictional curator one' } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.token.slice(4));
    const revision = await db.revision.findFirstOrThrow({ where: { entityType: 'ApiKey', entityId: row.id } });
    expect(revision).toMatchObject({ actor: 'admin-token', action: 'CREATE' });
    expect(JSON.stringify(revision.changes)).not.toContain(row.tokenHash);
  });

  it('refuses a bad name, a taken name and no scopes with ValidationError, writing nothing', async () => {
    const before = await db.apiKey.count();
    const revisions = await db.revision.count();
    expect(await mint('', ['CURATE'])).toMatchObject({ __typename: 'ValidationError', field: 'name' });
    expect(await mint('admin-token', ['CURATE'])).toMatchObject({ __typename: 'ValidationError', field: 'name' });
    expect(await mint('Fictional curator one', ['CURATE'])).toMatchObject({
      __typename: 'ValidationError',
      field: 'name',
    });
    expect(await mint('Fictional nobody', [])).toMatchObject({ __typename: 'ValidationError', field: 'scopes' });
    expect(await db.apiKey.count()).toBe(before);
    expect(await db.revision.count()).toBe(revisions);
  });

  it('answers 401 UNAUTHENTICATED without a token and 403 FORBIDDEN with too few scopes', async () => {
    const anonymous = await graphql(createKey, { input: { name: 'Fictional x', scopes: ['CURATE'] } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const curator = await mint('Fictional curator two', ['CURATE']);
    const forbidden = await graphql(
      createKey,
      { input: { name: 'Fictional y', scopes: ['CURATE'] } },
      bearer(curator.token),
    );
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await db.apiKey.count({ where: { name: { in: ['Fictional x', 'Fictional y'] } } })).toBe(0);
  });

  it('lets an ADMIN key mint keys, and hides keys and their revisions from everyone else', async () => {
    const admin = await mint('Fictional admin', ['ADMIN']);
    expect(await mint('Fictional minted by a key', ['CURATE'])).toMatchObject({ __typename: 'CreateApiKeySuccess' });
    const byKey = await graphql(
      createKey,
      { input: { name: 'Fictional second', scopes: ['CURATE'] } },
      bearer(admin.token),
    );
    expect(byKey.body.data.createApiKey.__typename).toBe('CreateApiKeySuccess');
    const second = await db.apiKey.findUniqueOrThrow({ where: { name: 'Fictional second' } });
    expect(await db.revision.findFirst({ where: { entityType: 'ApiKey', entityId: second.id } })).toMatchObject({
      actor: 'Fictional admin',
    });

    const list = '{ apiKeys { totalCount } revisions(first: 100) { totalCount edges { node { entityId actor } } } }';
    const anonymous = await graphql(list);
    expect(anonymous.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const { body: asPublic } = await graphql('{ revisions(first: 100) { totalCount } }');
    const ofKeys = { entityType: 'ApiKey' };
    expect(asPublic.data.revisions.totalCount).toBe(await db.revision.count({ where: { NOT: ofKeys } }));
    const { body: asAdmin } = await graphql(list, {}, bearer(admin.token));
    expect(asAdmin.data.apiKeys.totalCount).toBe(await db.apiKey.count());
    expect(asAdmin.data.revisions.totalCount).toBe(await db.revision.count());
    const keyRevisions = await db.revision.count({ where: ofKeys });
    expect(keyRevisions).toBeGreaterThan(3);
    // The newest revisions are the keys' own: the admin sees them first.
    const seen = asAdmin.data.revisions.edges.map((edge: { node: { entityId: string } }) => edge.node.entityId);
    expect(
      seen.slice(0, keyRevisions).every((id: string) => Buffer.from(id, 'base64').toString().startsWith('ApiKey:')),
    ).toBe(true);
    const node = `query ($id: ID!) { node(id: $id) { id ... on ApiKey { name } } }`;
    const { body: hidden } = await graphql(node, { id: admin.apiKey.id });
    expect(hidden.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a revoked key from the next request on, and records the revocation once', async () => {
    const curator = await mint('Fictional to revoke', ['CURATE']);
    const whoami = '{ revisions(first: 1) { totalCount } }';
    expect((await graphql(whoami, {}, bearer(curator.token))).status).toBe(200);
    const revoked = await graphql(revokeKey, { id: curator.apiKey.id }, bearer(adminToken));
    expect(revoked.body.data.revokeApiKey.apiKey.revokedAt).toEqual(expect.any(String));
    const again = await graphql(revokeKey, { id: curator.apiKey.id }, bearer(adminToken));
    expect(again.body.data.revokeApiKey.apiKey.revokedAt).toBe(revoked.body.data.revokeApiKey.apiKey.revokedAt);
    const row = await db.apiKey.findUniqueOrThrow({ where: { name: 'Fictional to revoke' } });
    expect(await db.revision.count({ where: { entityType: 'ApiKey', entityId: row.id, action: 'UPDATE' } })).toBe(1);
    const refused = await graphql(whoami, {}, bearer(curator.token));
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(refused.body)).not.toContain(curator.token);
    const unknown = await graphql(revokeKey, { id: 'QXBpS2V5Ojk5OTk5' }, bearer(adminToken));
    expect(unknown.body.data.revokeApiKey).toMatchObject({ __typename: 'NotFoundError' });
  });

  it('rate-limits failed authentications per client address', async () => {
    const app = makeApp(apiConfig({ auth: { adminToken, jwt: undefined, failuresPerMinute: 3, trustProxy: true } }));
    const attempt = (address: string, token: string) =>
      app.fetch('http://api.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...bearer(token) },
        body: JSON.stringify({ query: '{ revisions { totalCount } }' }),
      });
    for (let i = 0; i < 3; i++) expect((await attempt('203.0.113.7', `xyg_fictional-wrong-${i}`)).status).toBe(401);
    const limited = await attempt('203.0.113.7', adminToken);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as any).errors[0].extensions.code).toBe('TOO_MANY_FAILED_AUTHENTICATIONS');
    expect((await attempt('203.0.113.8', adminToken)).status).toBe(200);
  });
});
