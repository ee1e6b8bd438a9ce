import type * as Rows from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { pageOf, rootPage } from '../shared/connections.js';
import { CommitmentStatus } from '../shared/enums.js';
import { LocalizedText, localized } from '../shared/localized-text.js';
import { sourcesField } from './source-document.js';

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
    sources: t.relation('quotes', sourcesField),
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
