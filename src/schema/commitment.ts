import { builder } from '../builder.js';
import { db } from '../db.js';
import { CommitmentStatus } from './enums.js';
import { LocalizedText, localized } from './localized-text.js';

export const Commitment = builder.prismaNode('Commitment', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    text: t.field({ type: LocalizedText, resolve: (commitment) => localized(commitment, 'text') }),
    agreement: t.relation('agreement'),
    committedBy: t.relation('committedBy', {
      query: { orderBy: { id: 'asc' } },
      description: 'Who pledged it; both signatories for a joint commitment.',
    }),
    beneficiaries: t.relation('beneficiaries', { query: { orderBy: { id: 'asc' } } }),
    targets: t.relation('targets', { query: { orderBy: { position: 'asc' } } }),
    status: t.expose('status', { type: CommitmentStatus }),
    sources: t.relation('quotes', { query: { orderBy: { start: 'asc' } } }),
  }),
});

builder.prismaObject('Target', {
  fields: (t) => ({
    quantity: t.float({ resolve: (target) => target.quantity.toNumber() }),
    unit: t.field({ type: LocalizedText, resolve: (target) => localized(target, 'unit') }),
    description: t.field({ type: LocalizedText, resolve: (target) => localized(target, 'description') }),
  }),
});

export const CommitmentConnection = builder.connectionObject({ type: Commitment, name: 'CommitmentConnection' });

const byPosition = { orderBy: [{ agreementId: 'asc' as const }, { position: 'asc' as const }, { id: 'asc' as const }] };

builder.prismaObjectFields('Agreement', (t) => ({
  commitments: t.relatedConnection(
    'commitments',
    {
      cursor: 'id',
      totalCount: true,
      query: byPosition,
      description: 'What the agreement commits to, in the order stated.',
    },
    CommitmentConnection,
  ),
}));

builder.prismaObjectFields('Party', (t) => ({
  commitmentsMade: t.relatedConnection(
    'commitmentsMade',
    { cursor: 'id', totalCount: true, query: byPosition, description: 'Commitments this party made.' },
    CommitmentConnection,
  ),
  commitmentsReceived: t.relatedConnection(
    'commitmentsReceived',
    { cursor: 'id', totalCount: true, query: byPosition, description: "Commitments made for this party's benefit." },
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
      totalCount: (_conn, args) => db.commitment.count({ where: { status: args.status ?? undefined } }),
      resolve: (query, _root, args) =>
        db.commitment.findMany({ ...query, ...byPosition, where: { status: args.status ?? undefined } }),
    },
    CommitmentConnection,
  ),
}));
