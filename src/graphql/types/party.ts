import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import type * as Rows from '../../generated/prisma/client.js';
import { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { rootPage } from '../shared/connections.js';
import { PartyKind } from '../shared/enums.js';
import { LocalizedText, localized } from '../shared/localized-text.js';
import { RevisionConnection, revisionsOf } from './revision.js';
import { sourcesField } from './source-document.js';

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
    sources: t.relation('quotes', { ...sourcesField, description: 'Where the source names it.' }),
    revisions: t.connection(revisionsOf('Party'), RevisionConnection),
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
      ...rootPage<Rows.Party, { kind?: Rows.PartyKind | null }>('Party', ['id'], (args) => ({
        kind: args.kind ?? undefined,
      })),
    },
    PartyConnection,
  ),
}));

// Every column of the node, so that a page asking only for totalCount still selects something.
function allColumns<K extends string>(fields: Record<K, string>) {
  return Object.fromEntries(Object.keys(fields).map((field) => [field, true])) as Record<K, true>;
}
const agreementColumns = allColumns(Prisma.AgreementScalarFieldEnum);

export const agreementsOfParty = prismaConnectionHelpers(builder, 'AgreementParty', {
  cursor: 'agreementId_partyId_role',
  query: { orderBy: { agreementId: 'asc' } },
  select: (nodeSelection) => ({ agreement: nodeSelection({ select: agreementColumns }) }),
  resolveNode: (link) => link.agreement,
});
