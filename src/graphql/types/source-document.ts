import { builder } from '../builder.js';
import { LocalizedText, localized } from '../shared/localized-text.js';

export const SourceDocument = builder.prismaNode('SourceDocument', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    title: t.field({ type: LocalizedText, description: 'The headline.', resolve: (doc) => localized(doc, 'title') }),
    rawText: t.exposeString('rawText'),
    text: t.exposeString('text'),
    publisher: t.relation('publisher', { nullable: true, description: 'Who published the document.' }),
    commentCount: t.exposeInt('commentCount', { nullable: true }),
  }),
});

/** Options of every entity's `sources` field: its quotes in document order. */
export const sourcesField = {
  query: { orderBy: { start: 'asc' as const } },
  description: 'The words of the source this was taken from.',
};

export const SourceQuote = builder.prismaObject('SourceQuote', {
  fields: (t) => ({
    document: t.relation('document', { description: 'The document quoted.' }),
    text: t.exposeString('text', { description: 'Exactly document.text.slice(start, end).' }),
    start: t.exposeInt('start', {
      description: "Offset in UTF-16 code units, as JavaScript's String.prototype.slice counts them.",
    }),
    end: t.exposeInt('end', { description: 'End offset (exclusive) in UTF-16 code units.' }),
  }),
});

const SourceDocumentConnection = builder.connectionObject({ type: SourceDocument, name: 'SourceDocumentConnection' });

builder.queryFields((t) => ({
  sourceDocuments: t.prismaConnection(
    {
      type: 'SourceDocument',
      cursor: 'id',
      description: 'The documents the graph was taken from.',
      totalCount: (_connection, _args, ctx) => ctx.db.sourceDocument.count(),
      resolve: (query, _root, _args, ctx) => ctx.db.sourceDocument.findMany({ ...query, orderBy: { id: 'asc' } }),
    },
    SourceDocumentConnection,
  ),
}));
