import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type * as Rows from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { tableColumns } from '../selected-columns.js';
import { pageOf, topLevelPage } from '../shared/connections.js';
import { ParticipationRole } from '../shared/enums.js';
import { LocalizedText, localized, optionalLocalized } from '../shared/localized-text.js';
import { sourcesField } from './source-document.js';

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

type OfficialTree = Rows.Official & { positions: (Rows.Position & { organization: Rows.Party })[] };
type JoinedParticipation = Rows.Participation & { official: OfficialTree };
type Tree = { [relation: string]: Tree };

/** The tables of the join, each column aliased `<alias>.<column>` so that a row splits back into their rows. */
const tables = { p: 'Participation', o: 'Official', s: 'Position', g: 'Party' } as const;
const columnsOf = Object.fromEntries(
  Object.entries(tables).map(([alias, model]) => [
    alias,
    tableColumns(model).map(({ name, cast }) => ({ name, key: `${alias}.${name}`, cast })),
  ]),
) as Record<keyof typeof tables, { name: string; key: string; cast: string }[]>;

const participantsSql = `SELECT ${Object.entries(columnsOf)
  .flatMap(([alias, columns]) => columns.map(({ name, key, cast }) => `${alias}."${name}"${cast} AS "${key}"`))
  .join(', ')}
  FROM "Participation" p JOIN "Official" o ON o."id" = p."officialId"
  LEFT JOIN "Position" s ON s."officialId" = o."id" LEFT JOIN "Party" g ON g."id" = s."organizationId"
  WHERE p."agreementId" = ANY($1::int[]) ORDER BY p."agreementId", p."id", s."rank", s."id"`;

function rowOf<T>(row: Record<string, unknown>, alias: keyof typeof tables): T {
  // No spreads or destructuring: pg's row objects of 28 columns are in dictionary mode, and copying
  // them that way cost ~0.6 ms per 100 rows.
  const out: Record<string, unknown> = {};
  for (const column of columnsOf[alias]) out[column.name] = row[column.key];
  return out as T;
}

/** Participation rows that carry their official's positions and organisations, as Prisma would include them. */
const withOfficials = new WeakSet<object>();
const officialTree: Tree = { positions: { organization: {} } };

/**
 * Each agreement's participants with official → positions → organisation, in one join for every
 * agreement of the request: Prisma's nested JSON for the same rows cost several times the CPU.
 */
export const participantsOf = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, JoinedParticipation[]>(async (agreementIds) => {
      const rows = await ctx.database.query<Record<string, unknown>>(participantsSql, [agreementIds]);
      const byAgreement = new Map(agreementIds.map((id) => [id, [] as JoinedParticipation[]]));
      let last: JoinedParticipation | undefined;
      for (const row of rows) {
        let current = last;
        if (!last || row['p.id'] !== last.id) {
          current = rowOf<JoinedParticipation>(row, 'p');
          const official = rowOf<OfficialTree>(row, 'o');
          official.positions = [];
          current.official = official;
          withOfficials.add(current);
          byAgreement.get(current.agreementId)?.push(current);
          last = current;
        }
        if (current && row['s.id'] != null) {
          const position = rowOf<OfficialTree['positions'][number]>(row, 's');
          position.organization = rowOf(row, 'g');
          current.official.positions.push(position);
        }
      }
      return agreementIds.map((id) => byAgreement.get(id) ?? []);
    }),
);

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

export const Participation = builder.prismaObject('Participation', {
  fields: (t) => ({
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
      totalCount: (_connection, _args, ctx) => ctx.db.official.count(),
      resolve: (query, _root, _args, ctx, info) =>
        topLevelPage<Rows.Official, 'id'>(query, ctx, info, 'Official', ['id'], (orderBy) =>
          ctx.db.official.findMany({ ...query, orderBy }),
        ),
    },
    OfficialConnection,
  ),
}));
