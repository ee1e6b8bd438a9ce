import { builder } from '../builder.js';
import { db } from '../db.js';
import type * as Rows from '../generated/prisma/client.js';
import { topLevelPage } from '../page-loader.js';
import { pageOf } from './connection.js';
import { ParticipationRole } from './enums.js';
import { LocalizedText, localized, optionalLocalized } from './localized-text.js';
import { sourcesField } from './source.js';

export const Official = builder.prismaNode('Official', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    name: t.field({
      type: LocalizedText,
      description: "The official's name.",
      resolve: (official) => localized(official, 'name'),
    }),
    positions: t.relation('positions', {
      query: { orderBy: { rank: 'asc' } },
      description: 'Offices the official holds, in the order the source gives them.',
    }),
    participations: t.relation('participations', {
      query: { orderBy: { id: 'asc' } },
      description: "The official's parts in agreement signings.",
    }),
    sources: t.relation('quotes', sourcesField),
  }),
});

builder.prismaObject('Position', {
  fields: (t) => ({
    title: t.field({
      type: LocalizedText,
      description: 'The office, e.g. 市長.',
      resolve: (position) => localized(position, 'title'),
    }),
    organization: t.relation('organization', { description: 'Where the office is held.' }),
  }),
});

builder.prismaObject('Participation', {
  fields: (t) => ({
    official: t.relation('official', { description: 'Who took part.' }),
    agreement: t.relation('agreement', { description: 'The agreement whose signing it was.' }),
    roles: t.expose('roles', { type: [ParticipationRole], description: 'What the official did.' }),
    capacity: t.field({
      type: LocalizedText,
      nullable: true,
      description: 'The capacity in which they acted, e.g. 市長.',
      resolve: (participation) => optionalLocalized(participation, 'capacity'),
    }),
    sources: t.relation('quotes', sourcesField),
  }),
});

export const OfficialConnection = builder.connectionObject({ type: Official, name: 'OfficialConnection' });

builder.prismaObjectField('Party', 'officials', (t) =>
  t.connection(
    {
      type: Official,
      description: 'Officials holding a position in this party, one edge per position, in a stable order.',
      resolve: pageOf<Rows.Official>({
        name: 'partyOfficials',
        table: 'Position',
        foreignKey: 'organizationId',
        orderBy: ['id'],
        node: { table: 'Official', foreignKey: 'officialId' },
      }),
    },
    OfficialConnection,
  ),
);

builder.queryFields((t) => ({
  officials: t.prismaConnection(
    {
      type: 'Official',
      cursor: 'id',
      description: 'The officials the source names, in a stable order.',
      totalCount: () => db.official.count(),
      resolve: (query, _root, _args, _ctx, info) =>
        topLevelPage<Rows.Official, 'id'>(query, info, 'Official', ['id'], (orderBy) =>
          db.official.findMany({ ...query, orderBy }),
        ),
    },
    OfficialConnection,
  ),
}));
