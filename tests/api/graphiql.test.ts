import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../support/app.js';
import { hasChromium, launchChromium } from '../support/browser.js';

// The README's screenshot is rewritten only on request (UPDATE_SCREENSHOT=1), so a test run leaves the tree clean.
const screenshot = process.env.UPDATE_SCREENSHOT
  ? path.resolve(import.meta.dirname, '..', '..', 'docs', 'graphiql.png')
  : path.join(os.tmpdir(), 'graphiql.png');
const title = '2012年度共同推進“四個襄陽”建設協議書';

describe('GraphiQL', () => {
  const { app, db } = useApp();
  const server = http.createServer(app);

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it.skipIf(!hasChromium)('runs the default query without leaving loopback', async () => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const requests: string[] = [];
      const problems: string[] = [];
      page.on('request', (request) => {
        requests.push(`${request.method()} ${request.url()}`);
        const url = new URL(request.url());
        if (url.protocol !== 'data:' && url.origin !== origin) problems.push(`foreign: ${request.url()}`);
      });
      page.on('requestfailed', (request) => {
        // Stopping a subscription aborts its stream.
        const stopped =
          request.headers().accept === 'text/event-stream' && request.failure()?.errorText === 'net::ERR_ABORTED';
        if (!stopped) problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`);
      });
      page.on('response', (response) => {
        const placeholder = response.request().headers().authorization === 'Bearer <your token>';
        if (response.status() >= 400 && !(placeholder && response.status() === 401))
          problems.push(`${response.status()}: ${response.url()}`);
      });

      const landing = await page.goto(`${origin}/graphql`);
      expect(landing?.headers()['content-type']).toMatch(/^text\/html/);
      // The bytes on the wire: the page's megabytes of script travel compressed.
      expect(landing?.headers()['content-encoding']).toBe('br');
      const sent = Number((await landing?.request().sizes())?.responseBodySize);
      expect(sent).toBeLessThan(3_000_000);
      const editor = page.locator('.graphiql-query-editor .view-lines');
      await editor.waitFor();
      await expect
        .poll(() => page.locator('.graphiql-tab-active .graphiql-tab-button').textContent())
        .toBe('AgreementTree');
      await expect.poll(() => editor.textContent()).toContain('AgreementTree');

      const [response] = await Promise.all([
        page.waitForResponse(
          (r) => r.url() === `${origin}/graphql` && /AgreementTree/.test(r.request().postData() ?? ''),
        ),
        page.locator('.graphiql-execute-button').click(),
      ]);
      const body = await response.text();
      expect(response.status()).toBe(200);
      // The header preset: LocalizedText.text answers in the reader's language.
      expect(response.request().headers()['accept-language']).toBe('zh-TW, en;q=0.8');
      expect(body).not.toContain('"errors"');
      expect(body).toContain('湖北省質量技術監督局');
      expect(body).toContain('Xiangyang City');

      const result = page.locator('.graphiql-response .result-window .view-lines');
      await expect.poll(() => result.textContent(), { timeout: 15_000 }).toContain(title);

      fs.mkdirSync(path.dirname(screenshot), { recursive: true });
      await page.screenshot({ path: screenshot });

      // Every other example tab runs as it opens, with the variables it needs.
      const tabs = page.locator('.graphiql-tab-button');
      const names: string[] = [];
      for (let i = 1; i < (await tabs.count()); i++) {
        // A pointer click starts GraphiQL's tab drag instead; the click event alone switches tabs.
        await tabs.nth(i).dispatchEvent('click');
        const name = (await tabs.nth(i).textContent()) ?? '';
        names.push(name);
        await expect.poll(() => editor.textContent()).toContain(name);
        // GraphiQL takes the new tab's document for execution a moment after it shows it (a debounced update).
        await page.waitForTimeout(500);
        const [answer] = await Promise.all([
          page.waitForResponse(
            (r) =>
              (r.url() === `${origin}/graphql` && (r.request().postData() ?? '').includes(name)) ||
              (r.url().startsWith(`${origin}/graphql?`) && r.url().includes(name)),
          ),
          page.locator('.graphiql-execute-button').click(),
        ]);
        if (answer.request().headers().accept?.includes('text/event-stream')) {
          // The subscription tab: its stream is open (GraphQL over SSE) and shows a revision as it commits.
          expect(answer.status(), name).toBe(200);
          expect(answer.headers()['content-type'], name).toMatch(/^text\/event-stream/);
          await db.revision.create({
            data: { actor: 'graphiql-test', action: 'UPDATE', entityType: 'Commitment', entityId: 1, changes: {} },
          });
          await expect.poll(() => result.textContent(), { timeout: 15_000 }).toContain('graphiql-test');
          await page.locator('.graphiql-execute-button').click();
          continue;
        }
        const text = await answer.text();
        if (/"query":"(#[^\\]*\\n)*mutation/.test(answer.request().postData() ?? '')) {
          // Write tabs open with a token to fill in: sent as it is, it is refused and nothing is written.
          expect(answer.request().headers().authorization, name).toBe('Bearer <your token>');
          expect(answer.status(), name).toBe(401);
          expect(JSON.parse(text).errors[0].extensions.code, name).toBe('UNAUTHENTICATED');
          continue;
        }
        expect(answer.status(), name).toBe(200);
        expect(text, name).not.toContain('"errors"');
        expect(JSON.parse(text).data, name).toBeTruthy();
      }
      expect(names.toSorted()).toEqual([
        'AddSourceDocument',
        'CommitmentHistory',
        'CreateApiKey',
        'NodeWithSources',
        'PartyOfficials',
        'RecentRevisions',
        'RevertRevision',
        'RevisionAdded',
        'Search',
        'SetCommitmentStatus',
      ]);
      expect(problems, requests.join('\n')).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('GraphiQL’s page on the wire', () => {
  const { app } = useApp();
  const page = (headers: Record<string, string>) =>
    app.fetch('http://api.test/graphql', { headers: { accept: 'text/html', ...headers } });

  it('is compressed as the browser accepts, the same page in every encoding', async () => {
    const plain = await page({});
    const html = await plain.text();
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(html).toContain('<title>Xiangyang agreement knowledge graph</title>');
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['gzip, deflate', 'gzip', gunzipSync],
      ['br;q=0, gzip', 'gzip', gunzipSync],
    ] as const) {
      const response = await page({ 'accept-encoding': accept });
      expect(response.headers.get('content-encoding'), accept).toBe(encoding);
      expect(response.headers.get('vary'), accept).toMatch(/Accept-Encoding/i);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.length, accept).toBeLessThan(Buffer.byteLength(html) / 3);
      expect(decode(bytes).toString('utf8'), accept).toBe(html);
    }
  });

  it('is revalidated by its ETag: a reload gets 304 and no body', async () => {
    const first = await page({ 'accept-encoding': 'br' });
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await page({ 'accept-encoding': 'br', 'if-none-match': etag as string });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await page({ 'if-none-match': '"stale"' })).status).toBe(200);
  });
});
