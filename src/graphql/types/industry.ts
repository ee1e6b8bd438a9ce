import type * as Rows from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { pageOf, rootPage, treeOf } from '../shared/connections.js';
import { LocalizedText, localized } from '../shared/localized-text.js';
import { Commitment, CommitmentConnection, positionOrder } from './commitment.js';
import { RevisionConnection, revisionsOf } from './revision.js';
import { sourcesField } from './source-document.js';

export const Industry = builder.prismaNode('Industry', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    name: t.field({
      type: LocalizedText,
      description: "The industry's name.",
      resolve: (industry) => localized(industry, 'name'),
    }),
    parent: t.relation('parent', { nullable: true, description: 'The broader industry this one is a kind of.' }),
    children: t.relation('children', {
      query: { orderBy: { id: 'asc' } },
      description: 'The industries that are a kind of this one.',
    }),
    commitments: t.connection(
      {
        type: Commitment,
        description: 'Commitments that name this industry.',
        resolve: pageOf<Rows.Commitment>('Industry', 'commitments', { orderBy: positionOrder }),
      },
      CommitmentConnection,
    ),
    sources: t.relation('quotes', sourcesField),
    revisions: t.connection(revisionsOf('Industry'), RevisionConnection),
  }),
});

builder.prismaObjectFields('Industry', (t) => ({
  narrower: t.field({
    type: [Industry],
    description: 'Every industry beneath this one, at any depth: depth first, each before the ones beneath it.',
    resolve: treeOf<Rows.Industry>('Industry', 'parent', 'beneath'),
  }),
  broader: t.field({
    type: [Industry],
    description: 'Every industry above this one, nearest first.',
    resolve: treeOf<Rows.Industry>('Industry', 'parent', 'above'),
  }),
}));

export const IndustryConnection = builder.connectionObject({ type: Industry, name: 'IndustryConnection' });

builder.prismaObjectFields('Commitment', (t) => ({
  industries: t.connection(
    {
      type: Industry,
      description: 'Industries the commitment names.',
      resolve: pageOf<Rows.Industry>('Commitment', 'industries', { orderBy: ['id'] }),
    },
    IndustryConnection,
  ),
}));

builder.queryFields((t) => ({
  industries: t.prismaConnection(
    {
      type: 'Industry',
      cursor: 'id',
      description: 'Every industry named by the agreement or the related reports.',
      ...rootPage<Rows.Industry>('Industry', ['id']),
    },
    IndustryConnection,
  ),
}));
