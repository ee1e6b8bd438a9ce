import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError, readApiConfig } from '../../src/config.js';
import type { createApp } from '../../src/http/app.js';
import { logger } from '../../src/observability/logger.js';
import { apiConfig, type ConfigOverrides, useApp } from '../support/app.js';

const { db, makeApp } = useApp();
const production = (overrides: ConfigOverrides = {}) => makeApp(apiConfig(overrides, { NODE_ENV: 'production' }));

const trusted = JSON.parse(
  fs.readFileSync(new URL('../../examples/consumer/generated/persisted-documents.json', import.meta.url), 'utf8'),
) as Record<string, string>;
const agreementTreeHash =
  Object.entries(trusted).find(([, query]) => query.startsWith('query AgreementTree'))?.[0] ?? '';

async function post(app: ReturnType<typeof createApp>, payload: unknown, headers: Record<string, string> = {}) {
  const response = await app.fetch('http://api.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe('production mode (NODE_ENV=production)', () => {
  it('accepts only the registered operations, by documentId or persisted-query hash', async () => {
    const app = production();
    const raw = await post(app, { query: '{ agreements { totalCount } }' });
    expect(raw.body.errors.map((e: any) => e.extensions.code)).toEqual(['PERSISTED_QUERY_ONLY']);
    const byId = await post(app, { documentId: agreementTreeHash });
    expect(byId.body.data.agreements.totalCount).toBe(1);
    const byHash = await post(app, {
      extensions: { persistedQuery: { version: 1, sha256Hash: agreementTreeHash.replace(/^sha256:/, '') } },
    });
    expect(byHash.body.data.agreements.totalCount).toBe(1);
    const unknown = await post(app, { documentId: 'sha256:0000' });
    expect(unknown.body.errors.map((e: any) => e.extensions.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('turns introspection, field suggestions and GraphiQL off unless enabled', async () => {
    const app = production({ trustedDocumentsOnly: false });
    const introspection = await post(app, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.body.errors[0].message).toMatch(/introspection/i);
    const typo = await post(app, { query: '{ agreements { totalCont } }' });
    expect(typo.body.errors[0].message).not.toMatch(/Did you mean/);
    const page = await app.fetch('http://api.test/graphql', { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/html/);

    const dev = makeApp(apiConfig({ trustedDocumentsOnly: false }));
    expect((await post(dev, { query: '{ agreements { totalCont } }' })).body.errors[0].message).toMatch(/Did you mean/);
    expect((await post(dev, { query: '{ __schema { queryType { name } } }' })).body.data.__schema.queryType.name).toBe(
      'Query',
    );
  });

  it('allows only the configured CORS origins', async () => {
    const preflight = (app: ReturnType<typeof createApp>, origin: string) =>
      app.fetch('http://api.test/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    expect(
      (await preflight(production(), 'https://evil.example')).headers.get('access-control-allow-origin'),
    ).toBeNull();
    const app = production({ corsOrigins: ['https://app.example'] });
    expect((await preflight(app, 'https://app.example')).headers.get('access-control-allow-origin')).toBe(
      'https://app.example',
    );
    expect((await preflight(app, 'https://evil.example')).headers.get('access-control-allow-origin')).not.toBe(
      'https://evil.example',
    );
  });

  it('refuses a browser-simple GET or form POST without a CSRF header', async () => {
    const app = production({ trustedDocumentsOnly: false });
    const get = await app.fetch(`http://api.test/graphql?query=${encodeURIComponent('{ agreements { totalCount } }')}`);
    expect(get.status).toBe(403);
  });
});

describe('tokens', () => {
  for (const [name, field] of [
    ['ADMIN_TOKEN', 'adminToken'],
    ['GATEWAY_TOKEN', 'gatewayToken'],
  ] as const) {
    it(`stops the start with one line when ${name} is shorter than 32 characters in production`, () => {
      expect(() => readApiConfig({ NODE_ENV: 'production', [name]: 'short-fictional-token' })).toThrow(ConfigError);
      expect(() => readApiConfig({ NODE_ENV: 'production', [name]: 'short-fictional-token' })).toThrow(
        new RegExp(`^${name} is shorter than 32 characters`),
      );
      expect(readApiConfig({ NODE_ENV: 'production', [name]: 'x'.repeat(32) }).auth[field]).toBe('x'.repeat(32));
    });
  }

  it('never appear in logs, metrics or errors, whether refused or minted', async () => {
    const adminToken = 'fictional-admin-token-that-must-not-leak-0123';
    const app = makeApp(apiConfig({ auth: { adminToken, jwt: undefined, failuresPerMinute: 100, trustProxy: false } }));
    const lines: string[] = [];
    const spies = (['info', 'warn', 'error'] as const).map((level) =>
      vi
        .spyOn(logger, level)
        .mockImplementation(((...args: unknown[]) => void lines.push(JSON.stringify(args))) as never),
    );
    try {
      const wrong = 'xyg_fictional-wrong-token-that-must-not-leak';
      const refused = await post(app, { query: '{ revisions { totalCount } }' }, { authorization: `Bearer ${wrong}` });
      const minted = await post(
        app,
        {
          query:
            'mutation { createApiKey(input: { name: "Fictional leak check", scopes: [CURATE] }) { ... on CreateApiKeySuccess { token } } }',
        },
        { authorization: `Bearer ${adminToken}` },
      );
      const token: string = minted.body.data.createApiKey.token;
      const metrics = await (await app.fetch('http://api.test/metrics')).text();
      const seen = [...lines, JSON.stringify(refused.body), metrics].join('\n');
      expect(lines.length).toBeGreaterThan(0);
      for (const secret of [adminToken, wrong, token]) expect(seen).not.toContain(secret);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe('errors and operations', () => {
  it('masks an unexpected error and gives it the request id the response and logs carry', async () => {
    const app = makeApp(apiConfig());
    await db.$executeRawUnsafe('ALTER TABLE "Official" RENAME TO "OfficialAway"');
    const logged = vi.spyOn(logger, 'error');
    try {
      const result = await post(app, { query: '{ officials { totalCount } }' }, { 'x-request-id': 'test-request-1' });
      expect(logged.mock.calls).toEqual([
        [expect.objectContaining({ requestId: 'test-request-1', err: expect.anything() }), 'unexpected error'],
      ]);
      expect(result.body.errors).toEqual([
        expect.objectContaining({
          message: 'Unexpected error.',
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'test-request-1' },
        }),
      ]);
      expect(JSON.stringify(result.body)).not.toMatch(/OfficialAway|prisma|relation|SELECT/i);
      expect(result.headers.get('x-request-id')).toBe('test-request-1');
    } finally {
      logged.mockRestore();
      await db.$executeRawUnsafe('ALTER TABLE "OfficialAway" RENAME TO "Official"');
    }
  });

  it('serves Prometheus metrics with request counts, latency histograms and errors', async () => {
    const app = makeApp(apiConfig());
    await post(app, { query: 'query Counted { agreements { totalCount } }' });
    await post(app, { query: '{ nope }' });
    const text = await (await app.fetch('http://api.test/metrics')).text();
    expect(text).toMatch(/^graphql_envelop_request(\{[^}]*\})? [1-9]/m);
    // Client-chosen values never become labels, so the series stay bounded.
    expect(text).not.toMatch(/operationName="Counted"|url="/);
    expect(text).toMatch(/graphql_yoga_http_duration_bucket/);
    expect(text).toMatch(/graphql_envelop_error_result/);
    expect(text).toMatch(/db_pool_connections/);
    expect(text).toMatch(/^db_statements_total\{target="primary"\} [1-9]/m);
  });
});
