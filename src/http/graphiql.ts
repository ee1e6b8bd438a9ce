import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import { projectRoot } from '../config.js';

const operationsDir = path.join(projectRoot, 'schema', 'operations');

/**
 * The example operations of schema/operations/, which GraphiQL opens as tabs, each with the
 * variables of `<name>.variables.json` beside it where it needs some. The explorer page's operations
 * (Explore*) are shaped for that page, and the page itself shows them at work: they get no tab.
 */
export function exampleOperations() {
  return fs
    .readdirSync(operationsDir)
    .filter((file) => file.endsWith('.graphql') && !file.startsWith('Explore'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.graphql$/, '');
      const variablesFile = path.join(operationsDir, `${name}.variables.json`);
      const query = fs.readFileSync(path.join(operationsDir, file), 'utf8');
      return {
        name,
        query,
        ...(fs.existsSync(variablesFile) ? { variables: fs.readFileSync(variablesFile, 'utf8') } : {}),
        // Writes need a token: their tabs open with the header to fill in.
        ...(/^mutation\b/m.test(query)
          ? {
              headers: JSON.stringify(
                { Authorization: 'Bearer <your token>', 'Accept-Language': 'zh-TW, en;q=0.8' },
                null,
                2,
              ),
            }
          : {}),
      };
    });
}

export type Encoding = 'br' | 'gzip';

const compress: Record<Encoding, (bytes: Buffer) => Buffer> = {
  br: (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
  gzip: (bytes) => gzipSync(bytes, { level: 9 }),
};

/** The encoding of the two we keep that the request's Accept-Encoding allows, Brotli first. */
export function encodingFor(acceptEncoding: string | null): Encoding | null {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^\s*q=0(\.0*)?\s*$/.test(q))
      .map(([name]) => name?.trim().toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

/**
 * GraphiQL's page is megabytes of inline script: it is compressed once (Brotli or gzip, as the
 * browser accepts) and carries an ETag, so that a reload is answered 304 instead of sent again.
 */
export function compressedGraphiQL(): Plugin {
  // By the page's hash, each encoding made when first asked for (Brotli takes about a second).
  const pages = new Map<string, Partial<Record<Encoding, Uint8Array<ArrayBuffer>>>>();
  return {
    async onResponse({ request, response, setResponse, fetchAPI }) {
      if (request.method !== 'GET' || !response.headers.get('content-type')?.startsWith('text/html')) return;
      const html = await response.text();
      const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`;
      const bodies = pages.get(etag) ?? {};
      pages.set(etag, bodies);
      const headers = new fetchAPI.Headers(response.headers);
      headers.delete('content-length');
      headers.set('etag', etag);
      headers.set('cache-control', 'no-cache');
      headers.append('vary', 'Accept-Encoding');
      if (request.headers.get('if-none-match') === etag) {
        headers.delete('content-type');
        return setResponse(new fetchAPI.Response(null, { status: 304, headers }));
      }
      const encoding = encodingFor(request.headers.get('accept-encoding'));
      if (!encoding) return setResponse(new fetchAPI.Response(html, { status: response.status, headers }));
      bodies[encoding] ??= new Uint8Array(compress[encoding](Buffer.from(html, 'utf8')));
      headers.set('content-encoding', encoding);
      setResponse(new fetchAPI.Response(bodies[encoding], { status: response.status, headers }));
    },
  };
}
