import DataLoader from 'dataloader';
import { type Changes, inTransaction, record } from '../../data/history.js';
import type * as Rows from '../../generated/prisma/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { cleanArticle } from '../../text/clean.js';
import { librarySimplified } from '../../text/convert.js';
import { builder } from '../builder.js';
import { actorOf, type Context, requestLoader } from '../context.js';
import { decodeNodeId } from '../node-id.js';
import { delegateOf, pageOf } from '../shared/connections.js';
import { editable, keyField, naturalKey, referenceTo } from '../shared/editing.js';
import { federated } from '../shared/entities.js';
import { LocalizedText, LocalizedTextInput, localized, localizedColumns } from '../shared/localized-text.js';
import { plainText, ValidationError } from '../shared/result-errors.js';
import { formatDay } from '../shared/scalars.js';
import { Revision, RevisionConnection, revisionsOf } from './revision.js';

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
    version: t.exposeInt('version', { description: 'Incremented by every change; pass it back as expectedVersion.' }),
    publishedOn: t.expose('publishedOn', {
      type: 'Date',
      nullable: true,
      description: 'The day it was published, where known.',
    }),
    quotes: t.connection(
      {
        type: SourceQuote,
        description: 'Every quote of the document, in the order of the text.',
        resolve: pageOf<Rows.SourceQuote>('SourceDocument', 'quotes', { orderBy: ['start', 'id'] }),
      },
      SourceQuoteConnection,
    ),
    revisions: t.connection(revisionsOf('SourceDocument'), RevisionConnection),
  }),
});

federated(SourceDocument, 'SourceDocument');

/** Options of every entity's `sources` field: its quotes in document order. */
export const sourcesField = {
  query: { orderBy: { start: 'asc' as const } },
  description: 'The words of the source this was taken from.',
};

export const SourceQuote = builder.prismaNode('SourceQuote', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    version: t.exposeInt('version', { description: 'Incremented by every change; pass it back as expectedVersion.' }),
    document: t.relation('document', { description: 'The document quoted.' }),
    text: t.exposeString('text', { description: 'Exactly document.text.slice(start, end).' }),
    start: t.exposeInt('start', {
      description: "Offset in UTF-16 code units, as JavaScript's String.prototype.slice counts them.",
    }),
    end: t.exposeInt('end', { description: 'End offset (exclusive) in UTF-16 code units.' }),
  }),
});

federated(SourceQuote, 'SourceQuote');

const SourceQuoteConnection = builder.connectionObject({ type: SourceQuote, name: 'SourceQuoteConnection' });

/**
 * Resolves the entities of `model` a document is the source of, each once, by id: for every document of the
 * request in one statement.
 */
export function quotedIn<Row>(model: Prisma.ModelName) {
  return (document: { id: number }, _args: unknown, ctx: Context) => {
    const loader = requestLoader(ctx, `quoted ${model}`, () => {
      const delegate = delegateOf(ctx, model);
      return new DataLoader<number, Record<string, unknown>[]>(async (ids) => {
        const quoted = { documentId: { in: [...ids] } };
        const rows = (await delegate.findMany({
          where: { quotes: { some: quoted } },
          include: { quotes: { where: quoted, select: { documentId: true } } },
          orderBy: { id: 'asc' },
        })) as ({ quotes: { documentId: number }[] } & Record<string, unknown>)[];
        return ids.map((id) =>
          rows
            .filter(({ quotes }) => quotes.some(({ documentId }) => documentId === id))
            .map(({ quotes: _, ...row }) => row),
        );
      });
    });
    return loader.load(document.id) as Promise<Row[]>;
  };
}

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

/** A new document's row from the input: the cleaned text and the title's Simplified form derived as seeding derives them. */
function documentRow(input: {
  key: string;
  rawText: string;
  title?: string | null;
  url?: string | null;
  publishedOn?: Date | null;
}) {
  const key = naturalKey('SourceDocument', input);
  if (plainText('rawText', input.rawText).trim() === '') throw new ValidationError('rawText', 'The text is empty.');
  if (/[\uD800-\uDFFF]/.test(input.rawText))
    throw new ValidationError(
      'rawText',
      'The text holds characters outside the Basic Multilingual Plane, which quotes cannot index.',
    );
  const text = cleanArticle(input.rawText);
  const title = plainText('title', input.title ?? text.split('\n').find((line) => line.trim() !== '') ?? '').trim();
  if (title === '' || title.length > 300) throw new ValidationError('title', 'A title is 1 to 300 characters.');
  return {
    key,
    titleZhHant: title,
    titleZhHans: librarySimplified(title),
    titleEn: null,
    rawText: input.rawText,
    text,
    url: urlOf(input.url ?? null),
    publishedOn: publishedOnOf(input.publishedOn ?? null),
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
      return inTransaction(ctx, async (tx) => {
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

function urlOf(url: string | null): string | null {
  if (url === null) return null;
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed || !/^https?:$/.test(parsed.protocol) || /\s/.test(url))
    throw new ValidationError('url', 'A URL is an http or https address.');
  return url;
}

function publishedOnOf(day: Date | null): Date | null {
  if (day && formatDay(day) > formatDay(new Date()))
    throw new ValidationError('publishedOn', 'A document is published on a day that has come.');
  return day;
}

editable({
  model: 'SourceDocument',
  ref: SourceDocument as never,
  field: 'document',
  creatable: false,
  inputFields: (t) => ({
    title: t.field({ type: LocalizedTextInput, required: false, description: 'The headline.' }),
    url: t.string({
      required: false,
      description: 'Where it was published: an http or https address; null removes it.',
    }),
    publishedOn: t.field({ type: 'Date', required: false, description: 'The day it was published; null removes it.' }),
  }),
  toEdit: async (input) => {
    const columns: Record<string, unknown> = localizedColumns('title', input.title, 'title');
    if (input.url !== undefined) columns.url = urlOf(input.url as string | null);
    if (input.publishedOn !== undefined) columns.publishedOn = publishedOnOf(input.publishedOn as Date | null);
    return { columns };
  },
});

/** The type a global ID names, or null when it is not one this API gave out. */
function typeOfId(globalId: string): string | null {
  try {
    return decodeNodeId(globalId).typename;
  } catch {
    return null;
  }
}

/** The quote columns that name what a quote is of, by the type of the entity's ID. */
const quotedBy: Record<string, string> = {
  Agreement: 'agreementId',
  Party: 'partyId',
  Official: 'officialId',
  Commitment: 'commitmentId',
  Industry: 'industryId',
  RelatedReport: 'relatedReportId',
};

editable({
  model: 'SourceQuote',
  ref: SourceQuote as never,
  field: 'quote',
  inputFields: (t, creating) => ({
    ...keyField(t, creating),
    documentId: t.id({ required: creating, description: 'The document quoted.' }),
    start: t.int({ required: creating, description: 'Start offset in UTF-16 code units into the cleaned text.' }),
    end: t.int({ required: creating, description: 'End offset (exclusive).' }),
    text: t.string({ required: creating, description: 'Exactly document.text.slice(start, end).' }),
    entityId: t.id({
      required: creating,
      description:
        'What the words are the source of: an agreement, party, official, commitment, industry or related report.',
    }),
  }),
  toEdit: async (input, tx, creating) => {
    const columns: Record<string, unknown> = {};
    if (creating) columns.key = naturalKey('SourceQuote', input);
    if (input.entityId != null) {
      const typename = typeOfId(String(input.entityId));
      const column = typename && quotedBy[typename];
      if (!column)
        throw new ValidationError(
          'entityId',
          `${typename ? `A ${typename} is not quoted` : 'That is not an ID this API gave out'}; quote one of ${Object.keys(quotedBy).join(', ')}.`,
        );
      for (const other of Object.values(quotedBy)) columns[other] = null;
      columns[column] = await referenceTo(tx, typename as Prisma.ModelName, input.entityId, 'entityId');
    }
    const missing = ['documentId', 'start', 'end', 'text'].filter((field) => input[field] == null);
    if (missing.length > 0 && missing.length < 4)
      throw new ValidationError(
        missing[0] as string,
        'A quote is moved by giving documentId, start, end and text together.',
      );
    if (missing.length === 0) {
      const documentId = await referenceTo(tx, 'SourceDocument', input.documentId, 'documentId');
      const { text } = await tx.sourceDocument.findUniqueOrThrow({ where: { id: documentId }, select: { text: true } });
      const start = input.start as number;
      const end = input.end as number;
      if (start < 0 || end <= start || end > text.length)
        throw new ValidationError('end', `A quote spans 0 <= start < end <= ${text.length}, the document's length.`);
      if (text.slice(start, end) !== input.text)
        throw new ValidationError('text', 'The text is not the document’s cleaned text from start to end.');
      Object.assign(columns, { documentId, start, end, text: input.text });
    }
    return { columns };
  },
});
