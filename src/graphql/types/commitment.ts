import { encodeGlobalID } from '@pothos/plugin-relay';
import { changeCommitmentStatus, commitmentVersion, evidenceKeyMark } from '../../data/commitment-status.js';
import type { Changes, Tx } from '../../data/history.js';
import type * as Rows from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { actorOf } from '../context.js';
import { pageOf, rootPage } from '../shared/connections.js';
import { editable, keyField, naturalKey, referenceTo } from '../shared/editing.js';
import { federated } from '../shared/entities.js';
import { CommitmentStatus } from '../shared/enums.js';
import { LocalizedText, LocalizedTextInput, localized, localizedColumns } from '../shared/localized-text.js';
import {
  entityIdOf,
  NotFoundError,
  plainText,
  positionOf,
  reasonOf,
  StaleVersionError,
  ValidationError,
} from '../shared/result-errors.js';
import { formatDay, parseDay } from '../shared/scalars.js';
import { Revision, RevisionConnection, revisionsOf } from './revision.js';
import { QuoteInput, quotedIn, SourceQuote, sourcesField } from './source-document.js';

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

federated(Commitment, 'Commitment');

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

export const Target = builder.prismaNode('Target', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    version: t.exposeInt('version', { description: 'Incremented by every change; pass it back as expectedVersion.' }),
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

federated(Target, 'Target');

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
      const evidence = { ...input.evidence, text: plainText('evidence.text', input.evidence.text) };
      const documentId = entityIdOf(String(evidence.documentId), 'SourceDocument', 'evidence.documentId');
      const result = await changeCommitmentStatus(ctx.database, {
        commitmentId: id,
        expectedVersion: input.expectedVersion,
        status: input.status,
        asOf,
        evidence: { documentId, start: evidence.start, end: evidence.end, text: evidence.text },
        documentGlobalId: encodeGlobalID('SourceDocument', documentId),
        actor: actorOf(ctx),
        reason,
      });
      if (result.written) return result;
      const current = result.current;
      if (!current) throw new NotFoundError(String(input.commitmentId));
      if (current.version !== input.expectedVersion) throw new StaleVersionError(current.version);
      if (current.status === input.status)
        throw new ValidationError('status', `The commitment is ${current.status} already: record a different status.`);
      const earliest = current.latestAsOf ?? `${current.year}-01-01`;
      if (asOf < earliest)
        throw new ValidationError(
          'asOf',
          current.latestAsOf
            ? `The commitment has been ${current.status} since ${earliest}: a new status holds from that day or later.`
            : `The agreement covers ${current.year}: a status holds from ${earliest} or later.`,
        );
      if (current.documentLength === null) throw new NotFoundError(String(evidence.documentId));
      if (!(evidence.start >= 0 && evidence.start < evidence.end && evidence.end <= current.documentLength))
        throw new ValidationError(
          'evidence.end',
          `A quote spans 0 <= start < end <= ${current.documentLength}, the length of the document's cleaned text.`,
        );
      if (current.span !== evidence.text)
        throw new ValidationError(
          'evidence.text',
          `The document's text from ${evidence.start} to ${evidence.end} is ${JSON.stringify(current.span)}.`,
        );
      // Every check passed on what the statement read, and another writer's change came first.
      throw new StaleVersionError((await commitmentVersion(ctx.database, id)) ?? 0);
    },
  }),
}));

/** Undoes a status change: the status and its history entry; other revisions are the generic revert's. */
async function revertStatusChange(
  tx: Tx,
  target: Rows.Revision,
  write: (changes: Changes) => Promise<Rows.Revision>,
): Promise<Rows.Revision | null> {
  const changes = target.changes as {
    status: { before: Rows.CommitmentStatus; after: Rows.CommitmentStatus };
    statusHistory?: { before: StatusChangeRecord | null; after: StatusChangeRecord | null };
  };
  if (!changes.statusHistory) return null;
  const statusHistory = changes.statusHistory;
  const current = await tx.commitment.findUnique({ where: { id: target.entityId }, select: { version: true } });
  if (!current) throw new NotFoundError(encodeGlobalID('Commitment', target.entityId));
  const { count } = await tx.commitment.updateMany({
    where: { id: target.entityId, version: current.version, status: changes.status.after },
    data: { status: changes.status.before, version: { increment: 1 } },
  });
  if (count === 0) throw new StaleVersionError(current.version);
  if (statusHistory.after) await tx.commitmentStatusChange.delete({ where: { revisionId: target.id } });
  const revision = await write({
    status: { before: changes.status.after, after: changes.status.before },
    statusHistory: { before: statusHistory.after, after: statusHistory.before },
  });
  const restored = statusHistory.before;
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
}

editable({
  model: 'Commitment',
  ref: Commitment as never,
  field: 'commitment',
  links: ['committedBy', 'beneficiaries', 'industries'],
  revert: revertStatusChange,
  inputFields: (t, creating) => ({
    ...keyField(t, creating),
    agreementId: t.id({ required: creating, description: 'The agreement that makes the commitment.' }),
    position: t.int({ required: creating, description: 'Its place among the agreement’s commitments, from 0.' }),
    text: t.field({ type: LocalizedTextInput, required: creating, description: 'What is committed.' }),
    committedByIds: t.idList({ required: false, description: 'Who pledged it (parties); replaces the list.' }),
    beneficiaryIds: t.idList({ required: false, description: 'Who it is for (parties); replaces the list.' }),
    industryIds: t.idList({ required: false, description: 'The industries it names; replaces the list.' }),
  }),
  toEdit: async (input, tx, creating) => {
    const columns: Record<string, unknown> = localizedColumns('text', input.text, 'text');
    if (creating) columns.key = naturalKey('Commitment', input);
    if (input.agreementId != null)
      columns.agreementId = await referenceTo(tx, 'Agreement', input.agreementId, 'agreementId');
    if (input.position != null) columns.position = positionOf(input.position as number);
    const links: Record<string, number[]> = {};
    const lists = {
      committedBy: ['committedByIds', 'Party'],
      beneficiaries: ['beneficiaryIds', 'Party'],
      industries: ['industryIds', 'Industry'],
    } as const;
    for (const [link, [field, model]] of Object.entries(lists)) {
      const ids = input[field] as string[] | null | undefined;
      if (ids != null) links[link] = await Promise.all(ids.map((id, i) => referenceTo(tx, model, id, `${field}.${i}`)));
      else if (creating) links[link] = [];
    }
    return { columns, links };
  },
});

editable({
  model: 'Target',
  ref: Target as never,
  field: 'target',
  inputFields: (t, creating) => ({
    commitmentId: t.id({ required: creating, description: 'The commitment it measures.' }),
    position: t.int({ required: creating, description: 'Its place among the commitment’s targets, from 0.' }),
    quantity: t.string({
      required: creating,
      description: 'The number the source states, as an exact decimal ("10").',
    }),
    unit: t.field({ type: LocalizedTextInput, required: creating, description: 'What is counted, e.g. 家 or 項.' }),
    description: t.field({ type: LocalizedTextInput, required: creating, description: 'What the target is.' }),
  }),
  toEdit: async (input, tx) => {
    const columns: Record<string, unknown> = {
      ...localizedColumns('unit', input.unit, 'unit'),
      ...localizedColumns('description', input.description, 'description'),
    };
    if (input.commitmentId != null)
      columns.commitmentId = await referenceTo(tx, 'Commitment', input.commitmentId, 'commitmentId');
    if (input.position != null) columns.position = positionOf(input.position as number);
    if (input.quantity != null) {
      if (!/^\d{1,16}(\.\d{1,4})?$/.test(input.quantity as string))
        throw new ValidationError('quantity', 'An exact decimal with at most 4 places, e.g. "10".');
      columns.quantity = input.quantity;
    }
    return { columns };
  },
});

builder.prismaObjectField('SourceDocument', 'commitments', (t) =>
  t.field({
    type: [Commitment],
    description: 'The commitments the document is the source of.',
    resolve: quotedIn<Rows.Commitment>('Commitment'),
  }),
);
