import { encodeGlobalID } from '@pothos/plugin-relay';
import { inTransaction, record as recordRevision } from '../../data/history.js';
import type * as Rows from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { pageOf, rootPage } from '../shared/connections.js';
import { CommitmentStatus } from '../shared/enums.js';
import { LocalizedText, localized } from '../shared/localized-text.js';
import { entityIdOf, NotFoundError, reasonOf, StaleVersionError, ValidationError } from '../shared/result-errors.js';
import { formatDay, parseDay } from '../shared/scalars.js';
import { Revision, RevisionConnection, revertible, revisionsOf } from './revision.js';
import { commitmentQuote, evidenceKeyMark, QuoteInput, SourceQuote, sourcesField } from './source-document.js';

export const Commitment = builder.prismaNode('Commitment', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    text: t.field({
      type: LocalizedText,
      description: 'What is committed, in the words of the source.',
      resolve: (commitment) => localized(commitment, 'text'),
    }),
    agreement: t.relation('agreement', { description: 'The agreement that makes the commitment.' }),
    committedBy: t.relation('committedBy', {
      query: { orderBy: { id: 'asc' } },
      description: 'Who pledged it; both signatories for a joint commitment.',
    }),
    beneficiaries: t.relation('beneficiaries', {
      query: { orderBy: { id: 'asc' } },
      description: 'Who the commitment is for, where the source names them.',
    }),
    targets: t.relation('targets', {
      query: { orderBy: { position: 'asc' } },
      description: 'Measurable targets stated in the source, e.g. 10 provincial local standards.',
    }),
    status: t.expose('status', { type: CommitmentStatus, description: 'Where the commitment stands.' }),
    version: t.exposeInt('version', {
      description: 'Incremented by every change; pass it back as expectedVersion.',
    }),
    statusHistory: t.field({
      type: [CommitmentStatusChange],
      description: 'Every status the commitment has had, oldest first; the first is PLEDGED as the source states it.',
      select: {
        agreement: { select: { year: true } },
        // The source's own words: evidence of later statuses is quoted under keys of its own.
        quotes: {
          where: { NOT: { key: { contains: evidenceKeyMark } } },
          orderBy: [{ documentId: 'asc' }, { start: 'asc' }],
          take: 1,
          include: { document: true },
        },
        statusChanges: {
          orderBy: [{ asOf: 'asc' }, { id: 'asc' }],
          include: { evidence: { include: { document: true } }, revision: true },
        },
      },
      resolve: (commitment) => [
        {
          status: 'PLEDGED' as const,
          asOf: new Date(Date.UTC(commitment.agreement.year, 0, 1)),
          asOfPrecision: 'YEAR' as const,
          evidence: commitment.quotes[0] ?? null,
          revision: null,
        },
        ...commitment.statusChanges.map((change) => ({ ...change, asOfPrecision: 'DAY' as const })),
      ],
    }),
    revisions: t.connection(revisionsOf('Commitment'), RevisionConnection),
    sources: t.relation('quotes', sourcesField),
  }),
});

interface StatusEntry {
  status: Rows.CommitmentStatus;
  asOf: Date;
  asOfPrecision: 'DAY' | 'YEAR';
  evidence: Rows.SourceQuote | null;
  revision: Rows.Revision | null;
}

const DatePrecision = builder.enumType('DatePrecision', {
  description: 'How much of a date the source gives.',
  values: {
    DAY: { description: 'The day is known.' },
    YEAR: { description: 'Only the year is known; the date is the first of January of it.' },
  },
});

const CommitmentStatusChange = builder.objectRef<StatusEntry>('CommitmentStatusChange').implement({
  description: 'A status a commitment took, from when, and the words of a source that show it.',
  fields: (t) => ({
    status: t.expose('status', { type: CommitmentStatus, description: 'The status taken.' }),
    asOf: t.expose('asOf', {
      type: 'Date',
      description:
        'The day from which the status holds. The source dates the pledges by the year the agreement covers only: see asOfPrecision.',
    }),
    asOfPrecision: t.expose('asOfPrecision', { type: DatePrecision, description: 'How much of asOf is known.' }),
    evidence: t.field({
      type: SourceQuote,
      nullable: true,
      description: 'The words of a source document that show it.',
      resolve: (entry) => entry.evidence,
    }),
    revision: t.field({
      type: Revision,
      nullable: true,
      description: 'The revision that recorded it; null for the status the source states.',
      resolve: (entry) => entry.revision,
    }),
  }),
});

builder.prismaObject('Target', {
  fields: (t) => ({
    quantity: t.float({
      description: 'The number the source states.',
      resolve: (target) => target.quantity.toNumber(),
    }),
    unit: t.field({
      type: LocalizedText,
      description: 'What is counted, e.g. 家 or 項.',
      resolve: (target) => localized(target, 'unit'),
    }),
    description: t.field({
      type: LocalizedText,
      description: 'What the target is.',
      resolve: (target) => localized(target, 'description'),
    }),
  }),
});

export const CommitmentConnection = builder.connectionObject({ type: Commitment, name: 'CommitmentConnection' });

/** Commitments in the order their agreement states them. */
export const positionOrder = ['agreementId', 'position', 'id'] as const;

builder.prismaObjectFields('Agreement', (t) => ({
  commitments: t.connection(
    {
      type: Commitment,
      description: 'What the agreement commits to, in the order stated.',
      resolve: pageOf<Rows.Commitment>('Agreement', 'commitments', { orderBy: positionOrder }),
    },
    CommitmentConnection,
  ),
}));

builder.prismaObjectFields('Party', (t) => ({
  commitmentsMade: t.connection(
    {
      type: Commitment,
      description: 'Commitments this party made.',
      resolve: pageOf<Rows.Commitment>('Party', 'commitmentsMade', { orderBy: positionOrder }),
    },
    CommitmentConnection,
  ),
  commitmentsReceived: t.connection(
    {
      type: Commitment,
      description: "Commitments made for this party's benefit.",
      resolve: pageOf<Rows.Commitment>('Party', 'commitmentsReceived', { orderBy: positionOrder }),
    },
    CommitmentConnection,
  ),
}));

builder.queryFields((t) => ({
  commitments: t.prismaConnection(
    {
      type: 'Commitment',
      cursor: 'id',
      description: 'Every commitment, in the order the source states them.',
      args: {
        status: t.arg({ type: CommitmentStatus, required: false, description: 'Only commitments with this status.' }),
      },
      ...rootPage<Rows.Commitment, { status?: Rows.CommitmentStatus | null }>('Commitment', positionOrder, (args) => ({
        status: args.status ?? undefined,
      })),
    },
    CommitmentConnection,
  ),
}));

const SetCommitmentStatusInput = builder.inputType('SetCommitmentStatusInput', {
  description: 'What became of a commitment, from when, and the words that show it.',
  fields: (t) => ({
    commitmentId: t.id({ required: true, description: 'The Commitment’s ID.' }),
    status: t.field({ type: CommitmentStatus, required: true, description: 'The status it took.' }),
    asOf: t.field({ type: 'Date', required: true, description: 'The day from which the status holds.' }),
    evidence: t.field({
      type: QuoteInput,
      required: true,
      description: 'The words of a source document that show it.',
    }),
    expectedVersion: t.int({ required: true, description: 'The commitment’s version as last read.' }),
    reason: t.string({ required: false, description: 'Why, for the history.' }),
  }),
});

const SetCommitmentStatusSuccess = builder
  .objectRef<{ commitment: Rows.Commitment; revision: Rows.Revision }>('SetCommitmentStatusSuccess')
  .implement({
    description: 'The commitment with its new status and version, and the revision that records the change.',
    fields: (t) => ({
      commitment: t.field({
        type: Commitment,
        nullable: false,
        description: 'The commitment as changed.',
        resolve: (success) => success.commitment,
      }),
      revision: t.field({
        type: Revision,
        nullable: false,
        description: 'The UPDATE revision.',
        resolve: (success) => success.revision,
      }),
    }),
  });

/** A status change as revisions hold it, enough to make it again after a revert is undone. */
interface StatusChangeRecord {
  status: Rows.CommitmentStatus;
  asOf: string;
  evidenceQuoteId: number;
  evidence: { documentId: string; start: number; end: number; text: string };
}

const today = () => formatDay(new Date());

builder.mutationFields((t) => ({
  setCommitmentStatus: t.field({
    type: SetCommitmentStatusSuccess,
    authScopes: { curate: true },
    description:
      'Records what became of a commitment: its new status, from when, and the words of a source that show it (CURATE).',
    args: { input: t.arg({ type: SetCommitmentStatusInput, required: true }) },
    errors: {
      types: [ValidationError, NotFoundError, StaleVersionError],
      union: { name: 'SetCommitmentStatusResult', description: 'The commitment changed, or why not.' },
    },
    resolve: async (_root, { input }, ctx) => {
      const id = entityIdOf(String(input.commitmentId), 'Commitment', 'commitmentId');
      const reason = reasonOf(input.reason);
      const asOf = formatDay(input.asOf);
      if (asOf > today())
        throw new ValidationError('asOf', `${asOf} is in the future: a status holds from a day that has come.`);
      return inTransaction(ctx.db, async (tx) => {
        // The conditional update comes first: of concurrent writers with one expectedVersion, it lets exactly one through.
        const { count } = await tx.commitment.updateMany({
          where: { id, version: input.expectedVersion },
          data: { status: input.status, version: { increment: 1 } },
        });
        const commitment = await tx.commitment.findUnique({
          where: { id },
          include: {
            agreement: { select: { year: true } },
            statusChanges: { orderBy: [{ asOf: 'desc' }, { id: 'desc' }], take: 1 },
          },
        });
        if (!commitment) throw new NotFoundError(String(input.commitmentId));
        if (count === 0) throw new StaleVersionError(commitment.version);
        const latest = commitment.statusChanges[0];
        const before = latest?.status ?? 'PLEDGED';
        if (before === input.status)
          throw new ValidationError('status', `The commitment is ${before} already: record a different status.`);
        const earliest = latest ? formatDay(latest.asOf) : `${commitment.agreement.year}-01-01`;
        if (asOf < earliest)
          throw new ValidationError(
            'asOf',
            latest
              ? `The commitment has been ${before} since ${earliest}: a new status holds from that day or later.`
              : `The agreement covers ${commitment.agreement.year}: a status holds from ${earliest} or later.`,
          );
        const quote = await commitmentQuote(tx, input.evidence, 'evidence', commitment);
        const record: StatusChangeRecord = {
          status: input.status,
          asOf,
          evidenceQuoteId: quote.id,
          evidence: {
            documentId: encodeGlobalID('SourceDocument', quote.documentId),
            start: quote.start,
            end: quote.end,
            text: quote.text,
          },
        };
        const revision = await recordRevision(tx, {
          actor: ctx.viewer?.actor ?? '',
          action: 'UPDATE',
          entityType: 'Commitment',
          entityId: id,
          changes: {
            status: { before, after: input.status },
            statusHistory: { before: null, after: record },
          },
          reason,
        });
        await tx.commitmentStatusChange.create({
          data: {
            commitmentId: id,
            status: input.status,
            asOf: input.asOf,
            evidenceId: quote.id,
            revisionId: revision.id,
          },
        });
        const { agreement: _agreement, statusChanges: _changes, ...row } = commitment;
        return { commitment: row, revision };
      });
    },
  }),
}));

revertible('Commitment', {
  version: async (tx, id) =>
    (await tx.commitment.findUnique({ where: { id }, select: { version: true } }))?.version ?? null,
  revert: async (tx, target, write) => {
    const changes = target.changes as {
      status: { before: Rows.CommitmentStatus; after: Rows.CommitmentStatus };
      statusHistory: { before: StatusChangeRecord | null; after: StatusChangeRecord | null };
    };
    const current = await tx.commitment.findUnique({ where: { id: target.entityId }, select: { version: true } });
    if (!current) throw new NotFoundError(encodeGlobalID('Commitment', target.entityId));
    const { count } = await tx.commitment.updateMany({
      where: { id: target.entityId, version: current.version, status: changes.status.after },
      data: { status: changes.status.before, version: { increment: 1 } },
    });
    if (count === 0) throw new StaleVersionError(current.version);
    if (changes.statusHistory.after) await tx.commitmentStatusChange.delete({ where: { revisionId: target.id } });
    const revision = await write({
      status: { before: changes.status.after, after: changes.status.before },
      statusHistory: { before: changes.statusHistory.after, after: changes.statusHistory.before },
    });
    const restored = changes.statusHistory.before;
    if (restored)
      await tx.commitmentStatusChange.create({
        data: {
          commitmentId: target.entityId,
          status: restored.status,
          asOf: parseDay(restored.asOf),
          evidenceId: restored.evidenceQuoteId,
          revisionId: revision.id,
        },
      });
    return revision;
  },
});
