import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiConfig, useApp } from '../support/app.js';

const { makeApp } = useApp();

// A stand-in OTLP/HTTP collector on loopback that keeps what it is sent.
const received: { path: string; body: string }[] = [];
const collector = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => {
    body += chunk;
  });
  request.on('end', () => {
    received.push({ path: request.url ?? '', body });
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
let endpoint = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

describe('OpenTelemetry', () => {
  it('exports a span per operation to the configured OTLP endpoint, and nothing when none is set', async () => {
    const app = makeApp(apiConfig({ otlpEndpoint: endpoint }));
    const response = await app.fetch('http://api.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Traced { agreements { totalCount } }' }),
    });
    expect(response.status).toBe(200);
    await app.dispose();
    const traces = received
      .filter((r) => r.path === '/v1/traces')
      .map((r) => r.body)
      .join('\n');
    expect(traces).toContain('Traced');
    expect(traces).toContain('xiangyang-quality-graph');

    const before = received.length;
    const untraced = makeApp(apiConfig({ otlpEndpoint: undefined }));
    await untraced.fetch('http://api.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ agreements { totalCount } }' }),
    });
    await untraced.dispose();
    expect(received.length).toBe(before);
  });
});
