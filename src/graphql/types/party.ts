import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import type * as Rows from '../../generated/prisma/client.js';
import { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { rootPage } from '../shared/connections.js';
import { editable, keyField, naturalKey } from '../shared/editing.js';
import { federated } from '../shared/entities.js';
import { PartyKind } from '../shared/enums.js';
import { LocalizedText, LocalizedTextInput, localized, localizedColumns } from '../shared/localized-text.js';
import { plainText } from '../shared/result-errors.js';
import { RevisionConnection, revisionsOf } from './revision.js';
import { quotedIn, sourcesField } from './source-document.js';

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
    version: t.exposeInt('version', { description: 'Incremented by every change; pass it back as expectedVersion.' }),
    sources: t.relation('quotes', { ...sourcesField, description: 'Where the source names it.' }),
    revisions: t.connection(revisionsOf('Party'), RevisionConnection),
  }),
});

federated(Party, 'Party');

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

editable({
  model: 'Party',
  ref: Party as never,
  field: 'party',
  inputFields: (t, creating) => ({
    ...keyField(t, creating),
    name: t.field({ type: LocalizedTextInput, required: creating, description: "The party's name." }),
    aliases: t.stringList({ required: false, description: 'Other names the sources use for it; replaces the list.' }),
    kind: t.field({ type: PartyKind, required: creating, description: 'What kind of organisation it is.' }),
  }),
  toEdit: async (input, _tx, creating) => {
    const columns: Record<string, unknown> = localizedColumns('name', input.name, 'name', { pinyin: 'place' });
    if (creating) columns.key = naturalKey('Party', input);
    if (input.kind != null) columns.kind = input.kind;
    if (input.aliases != null)
      columns.aliases = (input.aliases as string[])
        .map((alias, i) => plainText(`aliases.${i}`, alias).trim())
        .filter(Boolean);
    else if (creating) columns.aliases = [];
    return { columns };
  },
});

builder.prismaObjectField('SourceDocument', 'parties', (t) =>
  t.field({
    type: [Party],
    description: 'The parties the document is the source of.',
    resolve: quotedIn<Rows.Party>('Party'),
  }),
);
