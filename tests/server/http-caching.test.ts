import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app.js';

const adminToken = 'fictional-admin-token-for-tests-0123456789';
const { app, graphql } = useApp({
  httpCache: { maxAgeSeconds: 60, staleWhileRevalidateSeconds: 300 },
  auth: { adminToken, jwt: undefined, failuresPerMinute: 100, trustProxy: false },
});
const csrf = { 'x-graphql-yoga-csrf': '1', accept: 'application/graphql-response+json' };
const read = '{ parties(first: 2) { edges { node { id version name { text } } } } }';

function get(query: string, headers: Record<string, string> = {}) {
  return app.fetch(`http://api.test/graphql?query=${encodeURIComponent(query)}`, { headers: { ...csrf, ...headers } });
}

describe('HTTP caching of GET reads', () => {
  it('gives a strong ETag and the configured Cache-Control, and 304 without a body for If-None-Match', async () => {
    const first = await get(read);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
    expect(first.headers.get('vary')).toMatch(/Accept-Language/i);
    const body = await first.text();

    const again = await get(read);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe(body);

    const revalidated = await get(read, { 'if-none-match': `"other", ${etag}` });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    expect(revalidated.headers.get('etag')).toBe(etag);
    expect(revalidated.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
    expect((await get(read, { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('keeps answers in different languages apart', async () => {
    const traditional = await get(read, { 'accept-language': 'zh-TW' });
    const english = await get(read, { 'accept-language': 'en' });
    expect(traditional.headers.get('etag')).not.toBe(english.headers.get('etag'));
    const crossed = await get(read, {
      'accept-language': 'en',
      'if-none-match': traditional.headers.get('etag') ?? '',
    });
    expect(crossed.status).toBe(200);
  });

  it('changes the ETag once a write changes the answer', async () => {
    const before = await get(read);
    const etag = before.headers.get('etag') ?? '';
    const party = JSON.parse(await before.text()).data.parties.edges[0].node;
    const { body } = await graphql(
      `mutation ($input: UpdatePartyInput!) { updateParty(input: $input) { __typename } }`,
      { input: { id: party.id, expectedVersion: party.version, aliases: ['虛構的別名'] } },
      { authorization: `Bearer ${adminToken}` },
    );
    expect(body.data).toEqual({ updateParty: { __typename: 'UpdatePartySuccess' } });
    const after = await get(read, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('never stores what carries a token, a POST, a write or an answer with errors', async () => {
    const withToken = await get(read, { authorization: `Bearer ${adminToken}` });
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get('cache-control')).toBe('private, no-store');
    expect(withToken.headers.get('etag')).toBeNull();

    const posted = await app.fetch('http://api.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: read }),
    });
    expect(posted.headers.get('cache-control')).toBe('private, no-store');
    expect(posted.headers.get('etag')).toBeNull();

    const failed = await get('{ node(id: "bm90IGFuIGlk") { id } }');
    expect(failed.headers.get('cache-control')).toBe('private, no-store');
    expect(failed.headers.get('etag')).toBeNull();

    const mutation = await get('mutation { revokeApiKey(input: { apiKeyId: "QXBpS2V5OjE=" }) { __typename } }');
    expect(mutation.status).toBe(405);
    expect(mutation.headers.get('etag')).toBeNull();
  });
});
