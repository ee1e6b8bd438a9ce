import type { Plugin } from 'graphql-yoga';
import type { Db } from '../data/client.js';
import { rawTextOf } from '../data/source-documents.js';
import { decodeNodeId } from '../graphql/node-id.js';

const route = /^\/sources\/([^/]+)\/raw$/;

/** The URL of a source document's text as received, by its global id. */
export const rawTextPath = (globalId: string) => `/sources/${encodeURIComponent(globalId)}/raw`;

/** GET /sources/<SourceDocument id>/raw: the document's text as received, as plain UTF-8 text. */
export function sourceText(db: Db): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const match = route.exec(url.pathname);
      if (!match) return;
      const notFound = (message: string) =>
        endResponse(
          new fetchAPI.Response(message, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } }),
        );
      if (request.method !== 'GET' && request.method !== 'HEAD')
        return endResponse(new fetchAPI.Response('Use GET.', { status: 405, headers: { allow: 'GET, HEAD' } }));
      let id: number;
      try {
        const decoded = decodeNodeId(decodeURIComponent(match[1] ?? ''));
        if (decoded.typename !== 'SourceDocument') return notFound('That id is not a source document’s.');
        id = Number(decoded.id);
      } catch {
        return notFound('That is not a source document’s id.');
      }
      const document = await rawTextOf(db, id);
      if (!document) return notFound('No source document has that id.');
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : document.rawText, {
          headers: {
            'content-type': 'text/plain; charset=utf-8',
            'content-disposition': `inline; filename="${document.key}.txt"`,
            'cache-control': 'no-cache',
          },
        }),
      );
    },
  };
}
