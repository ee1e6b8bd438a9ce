import { joinSource } from '../../data/relations.js';
import type * as Rows from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { pageOf, rootPage } from '../shared/connections.js';
import { editable, keyField, naturalKey, referenceTo } from '../shared/editing.js';
import { federated } from '../shared/entities.js';
import { ParticipationRole } from '../shared/enums.js';
import {
  LocalizedText,
  LocalizedTextInput,
  localized,
  localizedColumns,
  optionalLocalized,
} from '../shared/localized-text.js';
import { positionOf, ValidationError } from '../shared/result-errors.js';
import { RevisionConnection, revisionsOf } from './revision.js';
import { quotedIn, sourcesField } from './source-document.js';

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
    version: t.exposeInt('version', { description: 'Incremented by every change; pass it back as expectedVersion.' }),
    revisions: t.connection(revisionsOf('Official'), RevisionConnection),
  }),
});

federated(Official, 'Official');

export const Position = builder.prismaNode('Position', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    version: t.exposeInt('version', { description: 'Incremented by every change; pass it back as expectedVersion.' }),
    title: t.field({
      type: LocalizedText,
      description: 'The office, e.g. 市長.',
      resolve: (position) => localized(position, 'title'),
    }),
    organization: t.relation('organization', { description: 'Where the office is held.' }),
  }),
});

federated(Position, 'Position');

type OfficialTree = Rows.Official & { positions: (Rows.Position & { organization: Rows.Party })[] };
type JoinedParticipation = Rows.Participation & { official: OfficialTree };
type Tree = { [relation: string]: Tree };

const officialInclude = { positions: { orderBy: ['rank', 'id'], include: { organization: {} } } };
/**
 * Each agreement's participants with official → positions → organisation, in one join for every
 * agreement of the request: Prisma's nested JSON for the same rows cost more CPU (an interleaved A/B
 * on L, Q3: 93 against 81 req/s, 15.8 against 19.0 ms of CPU a request).
 */
const participants = joinSource('Agreement', 'participants', ['id'], { official: { include: officialInclude } });
const officialTree: Tree = { positions: { organization: {} } };

/** Participation rows that carry their official's positions and organisations, as Prisma would include them. */
const withOfficials = new WeakSet<object>();

export async function participantsOf(ctx: Context, agreementId: number) {
  const rows = (await ctx.pages.joined(participants).load(agreementId)) as JoinedParticipation[];
  for (const row of rows) withOfficials.add(row);
  return rows;
}

/** Whether Prisma's query for a relation asks for no more than `tree` (no filters, counts or other relations). */
function coveredBy(query: unknown, tree: Tree): boolean {
  if (query === true || query === undefined) return true;
  if (typeof query !== 'object' || query === null) return false;
  const { include, orderBy: _order, ...rest } = query as { include?: Record<string, unknown>; orderBy?: unknown };
  if (Object.keys(rest).length > 0) return false;
  return Object.entries(include ?? {}).every(
    ([name, nested]) => Object.hasOwn(tree, name) && coveredBy(nested, tree[name] as Tree),
  );
}

export const Participation = builder.prismaNode('Participation', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    version: t.exposeInt('version', { description: 'Incremented by every change; pass it back as expectedVersion.' }),
    official: t.relation('official', {
      description: 'Who took part.',
      resolve: (query, participation, _args, ctx) =>
        withOfficials.has(participation) && coveredBy(query, officialTree)
          ? (participation as JoinedParticipation).official
          : ctx.db.official.findUniqueOrThrow({ ...query, where: { id: participation.officialId } }),
    }),
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

federated(Participation, 'Participation');

export const OfficialConnection = builder.connectionObject({ type: Official, name: 'OfficialConnection' });

builder.prismaObjectField('Party', 'officials', (t) =>
  t.connection(
    {
      type: Official,
      description: 'Officials holding a position in this party, one edge per position, in a stable order.',
      resolve: pageOf<Rows.Official>('Party', 'positions', { orderBy: ['id'], answeredAs: 'official' }),
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
      ...rootPage<Rows.Official>('Official', ['id']),
    },
    OfficialConnection,
  ),
}));

editable({
  model: 'Official',
  ref: Official as never,
  field: 'official',
  inputFields: (t, creating) => ({
    ...keyField(t, creating),
    name: t.field({ type: LocalizedTextInput, required: creating, description: "The official's name." }),
  }),
  toEdit: async (input, _tx, creating) => {
    const columns: Record<string, unknown> = localizedColumns('name', input.name, 'name', { pinyin: 'person' });
    if (creating) columns.key = naturalKey('Official', input);
    return { columns };
  },
});

editable({
  model: 'Position',
  ref: Position as never,
  field: 'position',
  inputFields: (t, creating) => ({
    officialId: t.id({ required: creating, description: 'Who holds the office.' }),
    organizationId: t.id({ required: creating, description: 'Where the office is held (a party).' }),
    rank: t.int({
      required: creating,
      description: 'Its place among the official’s offices, from 0, as the source orders them.',
    }),
    title: t.field({ type: LocalizedTextInput, required: creating, description: 'The office, e.g. 市長.' }),
  }),
  toEdit: async (input, tx) => {
    const columns: Record<string, unknown> = localizedColumns('title', input.title, 'title');
    if (input.officialId != null)
      columns.officialId = await referenceTo(tx, 'Official', input.officialId, 'officialId');
    if (input.organizationId != null)
      columns.organizationId = await referenceTo(tx, 'Party', input.organizationId, 'organizationId');
    if (input.rank != null) columns.rank = positionOf(input.rank as number, 'rank');
    return { columns };
  },
});

editable({
  model: 'Participation',
  ref: Participation as never,
  field: 'participation',
  inputFields: (t, creating) => ({
    agreementId: t.id({ required: creating, description: 'The agreement whose signing it was.' }),
    officialId: t.id({ required: creating, description: 'Who took part.' }),
    roles: t.field({ type: [ParticipationRole], required: creating, description: 'What the official did; not empty.' }),
    capacity: t.field({
      type: LocalizedTextInput,
      required: false,
      description: 'The capacity in which they acted; null removes it.',
    }),
  }),
  toEdit: async (input, tx) => {
    const columns: Record<string, unknown> = localizedColumns('capacity', input.capacity, 'capacity', {
      optional: true,
    });
    if (input.agreementId != null)
      columns.agreementId = await referenceTo(tx, 'Agreement', input.agreementId, 'agreementId');
    if (input.officialId != null)
      columns.officialId = await referenceTo(tx, 'Official', input.officialId, 'officialId');
    if (input.roles != null) {
      const roles = [...new Set(input.roles as string[])];
      if (!roles.length) throw new ValidationError('roles', 'Name at least one thing the official did.');
      columns.roles = roles;
    }
    return { columns };
  },
});

builder.prismaObjectField('SourceDocument', 'officials', (t) =>
  t.field({
    type: [Official],
    description: 'The officials the document is the source of.',
    resolve: quotedIn<Rows.Official>('Official'),
  }),
);
