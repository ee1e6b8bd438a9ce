import { builder } from '../builder.js';
import { db } from '../db.js';
import { byPosition, CommitmentConnection } from './commitment.js';
import { LocalizedText, localized } from './localized-text.js';
import { sourcesField } from './source.js';

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
    commitments: t.relatedConnection(
      'commitments',
      {
        cursor: 'id',
        totalCount: true,
        query: byPosition,
        description: 'Commitments that name this industry.',
      },
      CommitmentConnection,
    ),
    sources: t.relation('quotes', sourcesField),
  }),
});

export const IndustryConnection = builder.connectionObject({ type: Industry, name: 'IndustryConnection' });

builder.prismaObjectFields('Commitment', (t) => ({
  industries: t.relatedConnection(
    'industries',
    {
      cursor: 'id',
      totalCount: true,
      query: { orderBy: { id: 'asc' } },
      description: 'Industries the commitment names.',
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
      totalCount: () => db.industry.count(),
      resolve: (query) => db.industry.findMany({ ...query, orderBy: { id: 'asc' } }),
    },
    IndustryConnection,
  ),
}));
