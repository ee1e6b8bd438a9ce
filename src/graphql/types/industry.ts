import type * as Rows from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { pageOf, rootPage, treeOf } from '../shared/connections.js';
import { editable, keyField, naturalKey, referenceTo } from '../shared/editing.js';
import { federated } from '../shared/entities.js';
import { LocalizedText, LocalizedTextInput, localized, localizedColumns } from '../shared/localized-text.js';
import { ValidationError } from '../shared/result-errors.js';
import { Commitment, CommitmentConnection, positionOrder } from './commitment.js';
import { RevisionConnection, revisionsOf } from './revision.js';
import { quotedIn, sourcesField } from './source-document.js';

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
    version: t.exposeInt('version', { description: 'Incremented by every change; pass it back as expectedVersion.' }),
    revisions: t.connection(revisionsOf('Industry'), RevisionConnection),
  }),
});

federated(Industry, 'Industry');

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

editable({
  model: 'Industry',
  ref: Industry as never,
  field: 'industry',
  inputFields: (t, creating) => ({
    ...keyField(t, creating),
    name: t.field({ type: LocalizedTextInput, required: creating, description: "The industry's name." }),
    parentId: t.id({
      required: false,
      description: 'The broader industry it is a kind of; null makes it a top-level industry.',
    }),
  }),
  toEdit: async (input, tx, creating) => {
    const columns: Record<string, unknown> = localizedColumns('name', input.name, 'name');
    if (creating) columns.key = naturalKey('Industry', input);
    if (input.parentId === null) columns.parentId = null;
    else if (input.parentId !== undefined)
      columns.parentId = await referenceTo(tx, 'Industry', input.parentId, 'parentId');
    return { columns };
  },
  check: async (tx, row) => {
    const seen = new Set([row.id]);
    for (let parentId = row.parentId as number | null; parentId !== null; ) {
      if (seen.has(parentId))
        throw new ValidationError('parentId', 'The taxonomy would have a cycle: an industry cannot be beneath itself.');
      seen.add(parentId);
      parentId =
        (await tx.industry.findUnique({ where: { id: parentId }, select: { parentId: true } }))?.parentId ?? null;
    }
  },
});

builder.prismaObjectField('SourceDocument', 'industries', (t) =>
  t.field({
    type: [Industry],
    description: 'The industries the document is the source of.',
    resolve: quotedIn<Rows.Industry>('Industry'),
  }),
);
