import { queryFromInfo } from '@pothos/plugin-prisma';
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { pageSizes } from '../../config.js';
import type { Db } from '../../data/client.js';
import { countHits, findHits, type Hit, type SearchEntityType } from '../../data/search.js';
import { normalizeSearchText } from '../../data/search-text.js';
import type * as Rows from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { selects } from '../selected-columns.js';
import { Agreement } from './agreement.js';
import { Commitment } from './commitment.js';
import { Industry } from './industry.js';
import { Official } from './official.js';
import { Party } from './party.js';
import { RelatedReport } from './related-report.js';

const typeNames = {
  AGREEMENT: 'Agreement',
  PARTY: 'Party',
  OFFICIAL: 'Official',
  COMMITMENT: 'Commitment',
  INDUSTRY: 'Industry',
  RELATED_REPORT: 'RelatedReport',
} as const;
type EntityType = SearchEntityType;

const foundAs = new WeakMap<object, string>();

const SearchResult = builder.unionType('SearchResult', {
  description: 'Any entity search can find.',
  types: [Agreement, Party, Official, Commitment, Industry, RelatedReport],
  resolveType: (value) => foundAs.get(value as object) ?? null,
});

const SearchResultConnection = builder.connectionObject({ type: SearchResult, name: 'SearchResultConnection' });

type SearchRow = Rows.Agreement | Rows.Party | Rows.Official | Rows.Commitment | Rows.Industry | Rows.RelatedReport;
type Query = { include?: object; select?: object };

const findByIds: Record<EntityType, (db: Db, ids: number[], query: Query) => Promise<SearchRow[]>> = {
  AGREEMENT: (db, ids, query) => db.agreement.findMany({ ...query, where: { id: { in: ids } } }),
  PARTY: (db, ids, query) => db.party.findMany({ ...query, where: { id: { in: ids } } }),
  OFFICIAL: (db, ids, query) => db.official.findMany({ ...query, where: { id: { in: ids } } }),
  COMMITMENT: (db, ids, query) => db.commitment.findMany({ ...query, where: { id: { in: ids } } }),
  INDUSTRY: (db, ids, query) => db.industry.findMany({ ...query, where: { id: { in: ids } } }),
  RELATED_REPORT: (db, ids, query) => db.relatedReport.findMany({ ...query, where: { id: { in: ids } } }),
};

/**
 * The entities of a page of hits, one statement per type found, each with the relations its
 * fragment selects planned into that statement, in the order of the hits.
 */
async function loadHits(hits: Hit[], ctx: Context, info: GraphQLResolveInfo): Promise<SearchRow[]> {
  const idsByType = new Map<EntityType, number[]>();
  for (const hit of hits) {
    const ids = idsByType.get(hit.entityType);
    if (ids) ids.push(hit.entityId);
    else idsByType.set(hit.entityType, [hit.entityId]);
  }
  const found = new Map<string, SearchRow>();
  await Promise.all(
    [...idsByType].map(async ([type, ids]) => {
      const query = queryFromInfo({ context: ctx, info, typeName: typeNames[type], path: ['edges', 'node'] }) as Query;
      for (const row of await findByIds[type](ctx.db, ids, query)) {
        foundAs.set(row, typeNames[type]);
        found.set(`${type}:${row.id}`, row);
      }
    }),
  );
  return hits.flatMap((hit) => found.get(`${hit.entityType}:${hit.entityId}`) ?? []);
}

builder.queryFields((t) => ({
  search: t.connection(
    {
      type: SearchResult,
      description:
        'Case-insensitive search over every entity\'s names and aliases, matching Traditional Chinese, Simplified Chinese, pinyin (with or without tones/spaces), pinyin initials and English. "襄阳", "襄陽", "xiangyang", "Xiangyang" and "xys" all find the city. Exact names come first, then names that begin with the query, names whose pinyin initials begin with it, other texts that begin with it, and whatever else contains it. A query of one or two letters or digits finds only names and initials that begin with it; one or two Chinese characters are found anywhere.',
      args: {
        query: t.arg.string({ required: true, description: 'What to look for; at least one letter or character.' }),
      },
      resolve: async (_root, args, ctx, info) => {
        const term = normalizeSearchText(args.query.slice(0, 200));
        if (!term) {
          throw new GraphQLError('search needs a query with at least one letter, digit or Chinese character.', {
            extensions: { code: 'BAD_USER_INPUT', argumentName: 'query' },
          });
        }
        // Counted on another connection while the page loads, when asked for.
        const count = selects(info, 'totalCount') ? countHits(ctx.db, term) : undefined;
        count?.catch(() => {});
        const page = await resolveOffsetConnection({ args, ...pageSizes }, async ({ limit, offset }) =>
          loadHits(await findHits(ctx.db, term, limit, offset), ctx, info),
        );
        return { ...page, totalCount: () => count ?? countHits(ctx.db, term) };
      },
    },
    SearchResultConnection,
  ),
}));
