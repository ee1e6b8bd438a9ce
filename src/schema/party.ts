import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { builder } from '../builder.js';
import { db } from '../db.js';
import { PartyKind } from './enums.js';
import { LocalizedText, localized } from './localized-text.js';

export const Party = builder.prismaNode('Party', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    name: t.field({
      type: LocalizedText,
      description: "The party's name.",
      resolve: (party) => localized(party, 'name'),
    }),
    aliases: t.exposeStringList('aliases'),
    kind: t.expose('kind', { type: PartyKind, description: 'What kind of organisation it is.' }),
    sources: t.relation('quotes', { query: { orderBy: { start: 'asc' } }, description: 'Where the source names it.' }),
  }),
});

export const PartyConnection = builder.connectionObject({ type: Party, name: 'PartyConnection' });

builder.queryFields((t) => ({
  parties: t.prismaConnection(
    {
      type: 'Party',
      cursor: 'id',
      description: 'Every organisation the source names, in a stable order.',
      args: { kind: t.arg({ type: PartyKind, required: false, description: 'Only parties of this kind.' }) },
      totalCount: (_conn, args) => db.party.count({ where: { kind: args.kind ?? undefined } }),
      resolve: (query, _root, args) =>
        db.party.findMany({ ...query, where: { kind: args.kind ?? undefined }, orderBy: { id: 'asc' } }),
    },
    PartyConnection,
  ),
}));

// The node's own columns, so that a page asking only for totalCount still selects something.
const officialScalars = {
  id: true,
  key: true,
  nameZhHant: true,
  nameZhHans: true,
  nameEn: true,
  namePinyin: true,
} as const;
const agreementScalars = {
  id: true,
  key: true,
  titleZhHant: true,
  titleZhHans: true,
  titleEn: true,
  year: true,
} as const;

export const officialsOfParty = prismaConnectionHelpers(builder, 'Position', {
  cursor: 'id',
  query: { orderBy: { id: 'asc' } },
  select: (nodeSelection) => ({ official: nodeSelection({ select: officialScalars }) }),
  resolveNode: (position) => position.official,
});

export const agreementsOfParty = prismaConnectionHelpers(builder, 'AgreementParty', {
  cursor: 'agreementId_partyId_role',
  query: { orderBy: { agreementId: 'asc' } },
  select: (nodeSelection) => ({ agreement: nodeSelection({ select: agreementScalars }) }),
  resolveNode: (link) => link.agreement,
});
