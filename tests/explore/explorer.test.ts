// The explorer page (/explore) in Debian's Chromium, against the app in production mode: trusted documents only.
// Needs the build (`npm run build`, which npm test runs when a source is newer): the page is served from dist/explore/.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiConfig, useApp } from '../support/app.js';
import { hasChromium, launchChromium } from '../support/browser.js';

// The README's screenshot is rewritten only on request (UPDATE_SCREENSHOT=1), so a test run leaves the tree clean.
const screenshot = process.env.UPDATE_SCREENSHOT
  ? path.resolve(import.meta.dirname, '..', '..', 'docs', 'explorer.png')
  : path.join(os.tmpdir(), 'explorer.png');

const { makeApp, query } = useApp();
const app = makeApp(apiConfig({}, { NODE_ENV: 'production' }));
const server = http.createServer(app);
let origin = '';
let browser: Browser | undefined;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (hasChromium) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A fresh page that records every request, and everything that went wrong: failed or refused requests, console errors. */
async function openPage(locale: string) {
  const context = await (browser as Browser).newContext({ viewport: { width: 1400, height: 900 }, locale });
  const page = await context.newPage();
  const problems: string[] = [];
  const responses: { url: string; bytes: number }[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.origin !== origin) problems.push(`foreign: ${request.url()}`);
  });
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', async (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
    if (response.url().includes('/graphql')) {
      const body = await response.text().catch(() => '');
      if (body.includes('"errors"')) problems.push(`errors: ${body}`);
    }
  });
  page.on('requestfinished', async (request) => {
    const sizes = await request.sizes().catch(() => null);
    if (sizes) responses.push({ url: request.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize });
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { page, problems, responses, close: () => context.close() };
}

const suggestions = (page: Page) => page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option');
const neighbours = (page: Page) => page.getByRole('navigation', { name: 'Neighbours' });
const idPath = (id: string) => `/explore/${encodeURIComponent(id)}`;

interface Quote {
  text: string;
  start: number;
  end: number;
}

async function ids() {
  const data = await query(`{
    city: search(query: "襄陽市", first: 1) { edges { node { ... on Party { id } } } }
    fan: search(query: "范銳平", first: 1) { edges { node { ... on Official { id sources { text start end }
      participations { sources { text start end } } } } } }
    agreements(first: 1) { edges { node { id title { zhHant en } } } }
    sourceDocuments(first: 1) { edges { node { id rawText } } }
  }`);
  const fan = data.fan.edges[0].node;
  return {
    city: data.city.edges[0].node.id as string,
    fan: fan.id as string,
    fanQuotes: [...fan.sources, ...fan.participations.flatMap((p: { sources: Quote[] }) => p.sources)] as Quote[],
    agreement: data.agreements.edges[0].node as { id: string; title: { zhHant: string; en: string } },
    document: data.sourceDocuments.edges[0].node as { id: string; rawText: string },
  };
}

describe('the explorer’s routes', () => {
  const get = (url: string, headers: Record<string, string> = {}) => app.fetch(`http://api.test${url}`, { headers });

  it('sends a browser from / to /explore, and serves the page for /explore/<id>', async () => {
    const root = await get('/', { accept: 'text/html,application/xhtml+xml' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/explore');
    expect((await get('/', { accept: 'application/json' })).status).not.toBe(302);
    for (const url of ['/explore', `/explore/${encodeURIComponent('QWdyZWVtZW50OjE=')}`]) {
      const page = await get(url);
      expect(page.status, url).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(await page.text()).toMatch(/<script type="module" src="\/explore\/assets\/main-\w+\.js">/);
    }
  });

  it('serves the hashed assets compressed and cacheable for good, and nothing outside them', async () => {
    const html = await (await get('/explore')).text();
    const script = /src="([^"]+)"/.exec(html)?.[1] as string;
    const plain = await get(script);
    const size = (await plain.arrayBuffer()).byteLength;
    const brotli = await get(script, { 'accept-encoding': 'gzip, br' });
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotli.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await brotli.arrayBuffer()).byteLength).toBeLessThan(size / 2);
    expect((await get(script, { 'accept-encoding': 'gzip' })).headers.get('content-encoding')).toBe('gzip');
    expect((await get('/explore/assets/nothing-here.js')).status).toBe(404);
    expect((await get('/explore/assets/..%2F..%2Fpackage.json')).status).toBe(404);
    expect((await app.fetch('http://api.test/explore', { method: 'POST' })).status).toBe(405);
  });

  it('serves a source document’s raw text at /sources/<id>/raw, and 404 for any other id', async () => {
    const { document, city } = await ids();
    const raw = await get(`/sources/${encodeURIComponent(document.id)}/raw`);
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await raw.text()).toBe(document.rawText);
    expect((await get(`/sources/${encodeURIComponent(city)}/raw`)).status).toBe(404);
    expect((await get('/sources/U291cmNlRG9jdW1lbnQ6OTk5/raw')).status).toBe(404);
    expect((await get('/sources/not-an-id/raw')).status).toBe(404);
  });

  it('asks only for trusted documents: every explorer document is in the server’s manifest', () => {
    const read = (file: string) =>
      JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '..', '..', file), 'utf8')) as Record<
        string,
        string
      >;
    const explorer = read('web/explore/generated/persisted-documents.json');
    const server = read('examples/consumer/generated/persisted-documents.json');
    expect(Object.keys(explorer)).toHaveLength(3);
    for (const [hash, document] of Object.entries(explorer)) {
      expect(document).toMatch(/\bquery Explore\w+/);
      expect(server[hash]).toBe(document);
    }
  });
});

describe.skipIf(!hasChromium)('the explorer in Chromium', () => {
  it('searches, opens, moves along the graph with the URL, goes Back, switches language, marks the quotes', async () => {
    const { city, fan, fanQuotes, agreement } = await ids();
    const { page, problems, responses, close } = await openPage('zh-TW');
    try {
      await page.goto(`${origin}/`);
      expect(new URL(page.url()).pathname).toBe('/explore');
      const ready = Number(await page.locator('body[data-ready]').getAttribute('data-ready'));
      expect(ready).toBeGreaterThan(0);
      expect(ready).toBeLessThan(1000);
      await expect.poll(() => page.getByRole('combobox', { name: 'Language' }).inputValue()).toBe('ZH_HANT');

      const search = page.getByRole('combobox', { name: 'Search' });
      expect(await search.getAttribute('type')).toBe('search');
      for (const [typed, expected] of [
        ['xy', /^機構\s*襄陽市$/],
        ['质监', /^機構\s*湖北省質量技術監督局$/],
        ['frp', /^官員\s*范銳平$/],
      ] as const) {
        await search.fill(typed);
        await suggestions(page).filter({ hasText: expected }).waitFor();
      }
      await search.fill('襄');
      const option = suggestions(page).filter({ hasText: /^機構\s*襄陽市$/ });
      await option.waitFor();
      expect(await suggestions(page).count()).toBeGreaterThan(1);
      await option.click();
      await page.waitForURL(`${origin}${idPath(city)}`);
      await expect.poll(() => page.getByRole('heading', { level: 2, name: '襄陽市' }).count()).toBe(1);

      const link = neighbours(page).getByRole('link', { name: agreement.title.zhHant });
      await link.click();
      await page.waitForURL(`${origin}${idPath(agreement.id)}`);
      await page.getByRole('heading', { level: 2, name: agreement.title.zhHant }).waitFor();
      await expect.poll(() => page.locator('.graph .canvas').getAttribute('data-drawn')).toMatch(/^\d+$/);
      expect(Number(await page.locator('.graph .canvas').getAttribute('data-drawn'))).toBeGreaterThan(10);
      await expect.poll(() => page.getByRole('region', { name: 'Commitments by status' }).textContent()).toMatch(/14/);

      await page.goBack();
      expect(page.url()).toBe(`${origin}${idPath(city)}`);
      await page.getByRole('heading', { level: 2, name: '襄陽市' }).waitFor();

      await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'English' });
      await page.getByRole('heading', { level: 2, name: 'Xiangyang City' }).waitFor();
      await neighbours(page).getByRole('link', { name: agreement.title.en }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');

      await page.goto(`${origin}${idPath(fan)}`);
      await page.getByRole('heading', { level: 2, name: 'Fan Ruiping' }).waitFor();
      const marks = page.locator('.provenance mark');
      await marks.first().waitFor();
      const marked = await marks.allTextContents();
      for (const quote of fanQuotes) expect(marked).toContain(quote.text);
      expect(marked).toContain('湖北省委常委、市委書記范銳平出席會議并講話');
      expect(await marks.first().isVisible()).toBe(true);
      const inView = await marks.first().evaluate((mark) => {
        const box = mark.getBoundingClientRect();
        const pane = (mark.closest('.text') as HTMLElement).getBoundingClientRect();
        return box.top >= pane.top && box.bottom <= pane.bottom;
      });
      expect(inView).toBe(true);
      const raw = page.getByRole('link', { name: /raw/ });
      expect(await raw.getAttribute('href')).toMatch(/^\/sources\/.+\/raw$/);

      const graphBytes = responses.filter((r) => /\/graph-library-\w+\.js$/.test(r.url));
      expect(graphBytes.length).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('keeps the first load within its budget: under 300 KB without the graph library, 600 KB with it', async () => {
    const { agreement } = await ids();
    const { page, problems, responses, close } = await openPage('en-US');
    try {
      await page.goto(`${origin}${idPath(agreement.id)}`);
      await expect.poll(() => page.locator('.graph .canvas').getAttribute('data-drawn')).toMatch(/^\d+$/);
      await page.locator('.provenance mark').first().waitFor();
      await page.waitForLoadState('networkidle');
      const total = responses.reduce((sum, r) => sum + r.bytes, 0);
      const graph = responses.filter((r) => /\/graph-library-\w+\.js$/.test(r.url)).reduce((s, r) => s + r.bytes, 0);
      const ready = Number(await page.locator('body').getAttribute('data-ready'));
      console.info(
        `explorer first load: ${total - graph} B without the graph library, ${total} B with it; ready at ${ready} ms`,
      );
      expect(graph).toBeGreaterThan(0);
      expect(total - graph).toBeLessThan(300_000);
      expect(total).toBeLessThan(600_000);
      expect(ready).toBeLessThan(1000);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('works by keyboard alone: Tab to the search, arrows, Enter, Tab through the neighbours, visible focus', async () => {
    const { city, agreement, fan } = await ids();
    const { page, problems, close } = await openPage('en-GB');
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return { tag: el.tagName, name: el.getAttribute('aria-label') ?? el.textContent ?? '', id: el.id };
      });
    try {
      await page.goto(`${origin}/explore`);
      await page.locator('body[data-ready]').waitFor();
      for (let i = 0; i < 5 && (await focused()).id !== 'search'; i++) await page.keyboard.press('Tab');
      expect((await focused()).id).toBe('search');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
      expect(outline).not.toBe('none');

      await page.keyboard.type('襄');
      await suggestions(page).first().waitFor();
      const search = page.getByRole('combobox', { name: 'Search' });
      let found = false;
      for (let i = 0; i < 8 && !found; i++) {
        await page.keyboard.press('ArrowDown');
        const active = await search.getAttribute('aria-activedescendant');
        found =
          active !== null && (await page.locator(`#${active}`).textContent())?.trim() === 'Organisation Xiangyang City';
      }
      expect(found).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${origin}${idPath(city)}`);
      await page.getByRole('heading', { level: 2, name: 'Xiangyang City' }).waitFor();

      let reached = false;
      for (let i = 0; i < 40 && !reached; i++) {
        await page.keyboard.press('Tab');
        const now = await focused();
        reached = now.tag === 'A' && now.name === agreement.title.en;
      }
      expect(reached).toBe(true);
      expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).not.toBe(
        'none',
      );
      await page.keyboard.press('Enter');
      await page.waitForURL(`${origin}${idPath(agreement.id)}`);
      await page.getByRole('heading', { level: 2, name: agreement.title.en }).waitFor();

      // The reader who has never seen GraphQL: finds 范銳平 by his initials and reads what he did, and where it is said.
      await search.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('frp');
      await suggestions(page).first().waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${origin}${idPath(fan)}`);
      await page.getByRole('heading', { level: 2, name: 'Fan Ruiping' }).waitFor();
      await expect.poll(() => page.locator('.facts').textContent()).toMatch(/attended, spoke/);
      await page.locator('.provenance mark', { hasText: '出席會議并講話' }).first().waitFor();

      await page.goBack();
      await page.waitForURL(`${origin}${idPath(agreement.id)}`);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows an industry’s reports with and without narrower ones, and their market sizes by currency', async () => {
    const data = await query(`{ search(query: "汽車及零部件", first: 1) { edges { node { ... on Industry { id
      relatedReports { totalCount edges { node { marketSize { currency text } } } }
      own: relatedReports(includeNarrower: false) { totalCount } } } } } }`);
    const industry = data.search.edges[0].node;
    const { page, problems, close } = await openPage('zh-CN');
    try {
      await page.goto(`${origin}${idPath(industry.id)}`);
      const counts = page.getByRole('region', { name: 'Related reports' });
      await expect
        .poll(() => counts.locator('li').allTextContents())
        .toEqual([
          `${industry.relatedReports.totalCount} with narrower industries`,
          `${industry.own.totalCount} of this industry alone`,
        ]);
      const sizes = industry.relatedReports.edges.flatMap((e: any) => (e.node.marketSize ? [e.node.marketSize] : []));
      expect(sizes.length).toBeGreaterThan(0);
      for (const size of sizes) {
        await page.locator('.chart caption', { hasText: size.currency }).waitFor();
        await page.locator('.chart', { hasText: size.text }).waitFor();
      }
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('takes the README’s screenshot: 范銳平 in English, his sentence marked', async () => {
    const { fan } = await ids();
    const { page, problems, close } = await openPage('en-US');
    try {
      await page.goto(`${origin}${idPath(fan)}`);
      await expect.poll(() => page.locator('.graph .canvas').getAttribute('data-drawn')).toMatch(/^\d+$/);
      await page.locator('.provenance mark').first().waitFor();
      // The graph draws on a canvas after its layout; a moment lets the frame land before the picture.
      await page.waitForTimeout(300);
      fs.mkdirSync(path.dirname(screenshot), { recursive: true });
      await page.screenshot({ path: screenshot });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
