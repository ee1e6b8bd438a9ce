import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { projectRoot } from '../config.js';
import { type Encoding, encodingFor } from './graphiql.js';

const assetName = /^[\w-]+\.(js|css)$/;
const types: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

interface Asset {
  type: string;
  bodies: Partial<Record<Encoding | 'identity', Uint8Array<ArrayBuffer>>>;
}

const wantsHtml = (request: Request) => /\btext\/html\b/.test(request.headers.get('accept') ?? '');

/**
 * The explorer page (/explore, /explore/<global id>) and its assets, as `npm run build` made them in dist/explore/,
 * each with its Brotli and gzip forms; `/` sends a browser there. Files are read when first asked for.
 */
export function explorer(dir = path.join(projectRoot, 'dist', 'explore')): Plugin {
  const assets = new Map<string, Asset | null>();
  function load(file: string): Asset | null {
    if (assets.has(file)) return assets.get(file) ?? null;
    const full = path.join(dir, file);
    const read = (suffix: string) => {
      const bytes = fs.readFileSync(full + suffix, { flag: 'r' });
      return new Uint8Array(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      ) as Uint8Array<ArrayBuffer>;
    };
    const asset = fs.existsSync(full)
      ? {
          type: types[path.extname(file).slice(1)] ?? 'application/octet-stream',
          bodies: { identity: read(''), br: read('.br'), gzip: read('.gz') },
        }
      : null;
    assets.set(file, asset);
    return asset;
  }

  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      const { pathname } = url;
      if (pathname === '/' && request.method === 'GET' && wantsHtml(request))
        return endResponse(new fetchAPI.Response(null, { status: 302, headers: { location: '/explore' } }));
      if (pathname !== '/explore' && !pathname.startsWith('/explore/')) return;
      if (request.method !== 'GET' && request.method !== 'HEAD')
        return endResponse(new fetchAPI.Response('Use GET.', { status: 405, headers: { allow: 'GET, HEAD' } }));
      const assetPath = /^\/explore\/assets\/(.+)$/.exec(pathname);
      if (assetPath && !assetName.test(assetPath[1] ?? ''))
        return endResponse(new fetchAPI.Response('Not found.', { status: 404 }));
      const asset = load(assetPath ? path.join('assets', assetPath[1] ?? '') : 'index.html');
      if (!asset)
        return endResponse(
          new fetchAPI.Response(assetPath ? 'Not found.' : 'The explorer is not built: run npm run build.', {
            status: assetPath ? 404 : 503,
            headers: { 'content-type': 'text/plain; charset=utf-8' },
          }),
        );
      const encoding = encodingFor(request.headers.get('accept-encoding'));
      const headers = new fetchAPI.Headers({
        'content-type': asset.type,
        vary: 'Accept-Encoding',
        // Assets are named by their content's hash; the page names the current ones.
        'cache-control': assetPath ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      if (encoding) headers.set('content-encoding', encoding);
      const body = asset.bodies[encoding ?? 'identity'] ?? null;
      endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { headers }));
    },
  };
}
