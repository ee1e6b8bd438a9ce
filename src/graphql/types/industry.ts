import type * as Rows from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { pageOf, topLevelPage } from '../shared/connections.js';
import { LocalizedText, localized } from '../shared/localized-text.js';
import { Commitment, CommitmentConnection, positionOrder } from './commitment.js';
import { sourcesField } from './source-document.js';

const commitmentIndustry = {
  industries: {
    through: '_CommitmentToIndustry',
    parentColumn: 'A',
    itemColumn: 'B',
    orderBy: ['id'],
    linkOrderBy: ['B'],
  },
  commitments: { through: '_CommitmentToIndustry', parentColumn: 'B', itemColumn: 'A', orderBy: positionOrder },
} as const;

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
        resolve: pageOf<Rows.Commitment>({
          name: 'industryCommitments',
          table: 'Commitment',
          ...commitmentIndustry.commitments,
        }),
      },
      CommitmentConnection,
    ),
    sources: t.relation('quotes', sourcesField),
  }),
});

export const IndustryConnection = builder.connectionObject({ type: Industry, name: 'IndustryConnection' });

builder.prismaObjectFields('Commitment', (t) => ({
  industries: t.connection(
    {
      type: Industry,
      description: 'Industries the commitment names.',
      resolve: pageOf<Rows.Industry>({
        name: 'commitmentIndustries',
        table: 'Industry',
        ...commitmentIndustry.industries,
      }),
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
      totalCount: (_connection, _args, ctx) => ctx.db.industry.count(),
      resolve: (query, _root, _args, ctx, info) =>
        topLevelPage<Rows.Industry, 'id'>(query, ctx, info, 'Industry', ['id'], (orderBy) =>
          ctx.db.industry.findMany({ ...query, orderBy }),
        ),
    },
    IndustryConnection,
  ),
}));
