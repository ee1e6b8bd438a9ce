import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiConfig, useApp } from '../support/app.js';

const issuer = 'https://fictional-identity-provider.invalid/';
const audience = 'xiangyang-graph-tests';
const { makeApp, db } = useApp();

let server: Server;
let jwks: { keys: JWK[] } = { keys: [] };
let sign: (claims: Record<string, unknown>, options?: { issuer?: string; expires?: string }) => Promise<string>;
let app: ReturnType<typeof makeApp>;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'fictional-key', alg: 'ES256', use: 'sig' }] };
  sign = (claims, options = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'fictional-key' })
      .setIssuer(options.issuer ?? issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(options.expires ?? '5m')
      .sign(privateKey);
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const jwksUrl = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`);
  app = makeApp(
    apiConfig({
      auth: {
        adminToken: undefined,
        jwt: { jwksUrl, issuer, audience, scopesClaim: 'scope' },
        failuresPerMinute: 100,
        trustProxy: false,
      },
    }),
  );
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function addDocument(token: string, key: string) {
  const response = await app.fetch('http://api.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `mutation ($key: String!) { addSourceDocument(input: { key: $key, rawText: "虛構的測試文件" }) {
        __typename ... on AddSourceDocumentSuccess { revision { actor } } } }`,
      variables: { key },
    }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('JWTs of the configured issuer', () => {
  it('are accepted with the scopes of their claim, and name their subject as the actor', async () => {
    const token = await sign({ sub: 'fictional-user-7', scope: 'openid curate' });
    const { status, body } = await addDocument(token, 'fictional-jwt-document');
    expect(status).toBe(200);
    expect(body.data.addSourceDocument).toEqual({
      __typename: 'AddSourceDocumentSuccess',
      revision: { actor: 'jwt:fictional-user-7' },
    });
  });

  it('without the scope are FORBIDDEN; of another issuer, expired or tampered with, UNAUTHENTICATED', async () => {
    const reader = await addDocument(await sign({ sub: 'fictional-reader', scope: 'openid' }), 'fictional-jwt-2');
    expect(reader.status).toBe(403);
    expect(reader.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const valid = await sign({ sub: 'fictional-user-7', scope: 'curate' });
    for (const token of [
      await sign({ sub: 'fictional-user-7', scope: 'curate' }, { issuer: 'https://elsewhere.invalid/' }),
      await sign({ sub: 'fictional-user-7', scope: 'curate' }, { expires: '-1m' }),
      `${valid.slice(0, -4)}AAAA`,
    ]) {
      const refused = await addDocument(token, 'fictional-jwt-3');
      expect(refused.status).toBe(401);
      expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    expect(await db.sourceDocument.count({ where: { key: { in: ['fictional-jwt-2', 'fictional-jwt-3'] } } })).toBe(0);
  });
});
