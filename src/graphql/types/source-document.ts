import { encodeGlobalID } from '@pothos/plugin-relay';
import { type Changes, inTransaction, record } from '../../data/history.js';
import type * as Rows from '../../generated/prisma/client.js';
import { cleanArticle } from '../../text/clean.js';
import { librarySimplified } from '../../text/convert.js';
import { builder } from '../builder.js';
import { actorOf } from '../context.js';
import { LocalizedText, localized } from '../shared/localized-text.js';
import { NotFoundError, plainText, ValidationError } from '../shared/result-errors.js';
import { formatDay } from '../shared/scalars.js';
import { Revision, RevisionConnection, revertible, revisionsOf } from './revision.js';

export const SourceDocument = builder.prismaNode('SourceDocument', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    title: t.field({ type: LocalizedText, description: 'The headline.', resolve: (doc) => localized(doc, 'title') }),
    rawText: t.exposeString('rawText'),
    text: t.exposeString('text'),
    publisher: t.relation('publisher', { nullable: true, description: 'Who published the document.' }),
    commentCount: t.exposeInt('commentCount', { nullable: true }),
    url: t.exposeString('url', { nullable: true, description: 'Where the document was published.' }),
    publishedOn: t.expose('publishedOn', {
      type: 'Date',
      nullable: true,
      description: 'The day it was published, where known.',
    }),
    revisions: t.connection(revisionsOf('SourceDocument'), RevisionConnection),
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

export const QuoteInput = builder.inputType('QuoteInput', {
  description: "Words of a source document: text must be exactly the document's cleaned text from start to end.",
  fields: (t) => ({
    documentId: t.id({ required: true, description: 'The document quoted.' }),
    start: t.int({ required: true, description: 'Start offset in UTF-16 code units into the cleaned text.' }),
    end: t.int({ required: true, description: 'End offset (exclusive).' }),
    text: t.string({ required: true, description: 'Exactly document.text.slice(start, end).' }),
  }),
});

const AddSourceDocumentInput = builder.inputType('AddSourceDocumentInput', {
  description: 'A document to add: its text as received, and what is known of where and when it appeared.',
  fields: (t) => ({
    key: t.string({ required: true, description: 'A stable natural key, e.g. qianzhan-2012-xiangyang-quality.' }),
    rawText: t.string({
      required: true,
      description: 'The text as received; the cleaned text is derived from it as for the seed article.',
    }),
    title: t.string({
      required: false,
      description: 'The headline in Traditional Chinese; the first line when not given.',
    }),
    url: t.string({ required: false, description: 'Where it was published: an http or https address.' }),
    publishedOn: t.field({ type: 'Date', required: false, description: 'The day it was published.' }),
  }),
});

const AddSourceDocumentSuccess = builder
  .objectRef<{ document: Rows.SourceDocument; revision: Rows.Revision }>('AddSourceDocumentSuccess')
  .implement({
    description: 'The document added, and the revision that records it.',
    fields: (t) => ({
      document: t.field({
        type: SourceDocument,
        nullable: false,
        description: 'The document, with its cleaned text.',
        resolve: (success) => success.document,
      }),
      revision: t.field({
        type: Revision,
        nullable: false,
        description: 'The CREATE revision.',
        resolve: (success) => success.revision,
      }),
    }),
  });

const documentKey = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A new document's row from the input: the cleaned text and the title's Simplified form derived as seeding derives them. */
function documentRow(input: {
  key: string;
  rawText: string;
  title?: string | null;
  url?: string | null;
  publishedOn?: Date | null;
}) {
  if (input.key.length > 100 || !documentKey.test(input.key))
    throw new ValidationError(
      'key',
      'A key is lower-case letters and digits in words joined by dashes, at most 100 characters.',
    );
  if (plainText('rawText', input.rawText).trim() === '') throw new ValidationError('rawText', 'The text is empty.');
  if (/[\uD800-\uDFFF]/.test(input.rawText))
    throw new ValidationError(
      'rawText',
      'The text holds characters outside the Basic Multilingual Plane, which quotes cannot index.',
    );
  const text = cleanArticle(input.rawText);
  const title = plainText('title', input.title ?? text.split('\n').find((line) => line.trim() !== '') ?? '').trim();
  if (title === '' || title.length > 300) throw new ValidationError('title', 'A title is 1 to 300 characters.');
  let url: string | null = null;
  if (input.url != null) {
    const parsed = URL.canParse(input.url) ? new URL(input.url) : null;
    if (!parsed || !/^https?:$/.test(parsed.protocol) || /\s/.test(input.url))
      throw new ValidationError('url', 'A URL is an http or https address.');
    url = input.url;
  }
  if (input.publishedOn && formatDay(input.publishedOn) > formatDay(new Date()))
    throw new ValidationError('publishedOn', 'A document is published on a day that has come.');
  return {
    key: input.key,
    titleZhHant: title,
    titleZhHans: librarySimplified(title),
    titleEn: null,
    rawText: input.rawText,
    text,
    url,
    publishedOn: input.publishedOn ?? null,
  };
}

/** The revision fields of a document row: every column but the id. */
function documentChanges(row: Omit<Rows.SourceDocument, 'id'> | null, created: boolean): Changes {
  const fields = row ?? ({} as Record<string, unknown>);
  return Object.fromEntries(
    Object.entries(fields).map(([field, value]) => [
      field,
      created ? { before: null, after: value } : { before: value, after: null },
    ]),
  );
}

builder.mutationFields((t) => ({
  addSourceDocument: t.field({
    type: AddSourceDocumentSuccess,
    authScopes: { curate: true },
    description: 'Adds a document to quote from (CURATE). Its cleaned text is derived as for the seed article.',
    args: { input: t.arg({ type: AddSourceDocumentInput, required: true }) },
    errors: {
      types: [ValidationError],
      union: { name: 'AddSourceDocumentResult', description: 'The document added, or why not.' },
    },
    resolve: async (_root, { input }, ctx) => {
      const row = documentRow(input);
      return inTransaction(ctx.db, async (tx) => {
        if (await tx.sourceDocument.findUnique({ where: { key: row.key }, select: { id: true } }))
          throw new ValidationError('key', `A document with the key ${row.key} exists.`);
        const document = await tx.sourceDocument.create({ data: row });
        const { id, ...columns } = document;
        const revision = await record(tx, {
          actor: actorOf(ctx),
          action: 'CREATE',
          entityType: 'SourceDocument',
          entityId: id,
          changes: documentChanges(columns, true),
        });
        return { document, revision };
      });
    },
  }),
}));

revertible('SourceDocument', {
  version: async (tx, id) => ((await tx.sourceDocument.findUnique({ where: { id }, select: { id: true } })) ? 1 : null),
  revert: async (tx, target, write) => {
    const changes = target.changes as Changes;
    const fields = Object.values(changes);
    const created = fields.every((change) => change.before === null);
    const removed = fields.every((change) => change.after === null);
    if (!created && !removed)
      throw new ValidationError(
        'revisionId',
        'Of a document’s revisions, only its adding and removal can be reverted yet.',
      );
    if (created) {
      const document = await tx.sourceDocument.findUnique({
        where: { id: target.entityId },
        include: { _count: { select: { quotes: true, seededRows: true } } },
      });
      if (!document) throw new NotFoundError(encodeGlobalID('SourceDocument', target.entityId));
      const { _count: uses, id, ...columns } = document;
      if (uses.quotes > 0 || uses.seededRows > 0)
        throw new ValidationError(
          'revisionId',
          `The document is quoted ${uses.quotes} times: delete or move its quotes before removing it.`,
        );
      await tx.sourceDocument.delete({ where: { id } });
      return write(documentChanges(columns, false));
    }
    const data = Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.before]));
    const restored = {
      ...(data as Omit<Rows.SourceDocument, 'id' | 'publishedOn'>),
      publishedOn: typeof data.publishedOn === 'string' ? new Date(data.publishedOn) : null,
    };
    if (await tx.sourceDocument.findUnique({ where: { key: restored.key }, select: { id: true } }))
      throw new ValidationError('revisionId', `Another document has the key ${restored.key} now.`);
    await tx.sourceDocument.create({ data: { ...restored, id: target.entityId } });
    return write(documentChanges(restored, true));
  },
});
