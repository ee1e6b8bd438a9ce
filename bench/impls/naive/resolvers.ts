import { createGraphQLError } from 'graphql-yoga';
import { countStatement, type Hit, pageOfHits } from '../../../src/data/search.js';
import { normalizeSearchText } from '../../../src/data/search-text.js';
import { base64, byId, connection, type PageArgs, query, type Row, unbase64 } from './db.js';

const nodeTypes = new Set([
  'Agreement',
  'Party',
  'Official',
  'Commitment',
  'Industry',
  'RelatedReport',
  'SourceDocument',
]);
const searchTypes: Record<string, string> = {
  AGREEMENT: 'Agreement',
  PARTY: 'Party',
  OFFICIAL: 'Official',
  COMMITMENT: 'Commitment',
  INDUSTRY: 'Industry',
  RELATED_REPORT: 'RelatedReport',
};
const byPosition = ['agreementId', 'position', 'id'];

const localized = (row: Row, prefix: string) => ({
  zhHant: row[`${prefix}ZhHant`],
  zhHans: row[`${prefix}ZhHans`],
  en: row[`${prefix}En`] ?? null,
  pinyin: row[`${prefix}Pinyin`] ?? null,
});
const text = (prefix: string) => (row: Row) => localized(row, prefix);
const optionalText = (prefix: string) => (row: Row) => (row[`${prefix}ZhHant`] == null ? null : localized(row, prefix));
const globalId = (type: string) => (row: Row) => base64(`${type}:${row.id}`);
const sources = (column: string) => (row: Row) =>
  query(`SELECT * FROM "SourceQuote" WHERE "${column}" = $1 ORDER BY start, id`, [row.id]);
const list = (from: string, where: string, order: string) => (row: Row) =>
  query(`SELECT t.* FROM ${from} WHERE ${where} ORDER BY ${order}`, [row.id]);
const linked = (table: string, link: string, self: 'A' | 'B', order = 't.id') =>
  list(`"${table}" t JOIN "${link}" l ON l."${self === 'A' ? 'B' : 'A'}" = t.id`, `l."${self}" = $1`, order);
const parent = (type: string, column: string) => (row: Row) => byId(type, row[column]);

function node(id: string) {
  const [type = '', key = ''] = unbase64(id).split(':');
  if (!nodeTypes.has(type) || !/^[1-9]\d{0,8}$/.test(key)) {
    throw createGraphQLError(`"${id.slice(0, 100)}" is not a valid ID: use an id returned by this API.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return byId(type, Number(key));
}

async function search(args: PageArgs & { query: string }) {
  const term = normalizeSearchText(args.query.slice(0, 200));
  if (!term) {
    throw createGraphQLError('search needs a query with at least one letter, digit or Chinese character.', {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'query' },
    });
  }
  if (args.last != null || args.before != null) throw createGraphQLError('search pages forward only');
  const offset = args.after ? Number(unbase64(args.after).replace(/^OffsetConnection:/, '')) + 1 : 0;
  const size = Math.min(args.first ?? 20, 100);
  const hits = await pageOfHits(
    async (statement) => (await query(statement.text, statement.values)) as Hit[],
    term,
    size + 1,
    offset,
  );
  const found = await Promise.all(hits.slice(0, size).map((hit) => byId(searchTypes[hit.entityType]!, hit.entityId)));
  const edges = found.flatMap((row, i) =>
    row ? [{ cursor: base64(`OffsetConnection:${offset + i}`), node: row }] : [],
  );
  return {
    edges,
    pageInfo: {
      hasNextPage: hits.length > size,
      hasPreviousPage: offset > 0,
      startCursor: base64(`OffsetConnection:${offset}`),
      endCursor: base64(`OffsetConnection:${offset + edges.length - 1}`),
    },
    totalCount: async () => {
      const count = countStatement(term);
      return (await query(count.text, count.values))[0]!.count;
    },
  };
}

const table = (name: string, order = ['id']) => ({ from: `"${name}" t`, order });
const filtered = (name: string, column: string, value: unknown, order = ['id']) =>
  value == null ? table(name, order) : { ...table(name, order), where: `t."${column}" = $1`, params: [value] };

export const resolvers = {
  Query: {
    agreements: (_: unknown, args: PageArgs) => connection(args, table('Agreement')),
    commitments: (_: unknown, args: PageArgs & { status?: string }) =>
      connection(args, filtered('Commitment', 'status', args.status, byPosition)),
    industries: (_: unknown, args: PageArgs) => connection(args, table('Industry')),
    officials: (_: unknown, args: PageArgs) => connection(args, table('Official')),
    parties: (_: unknown, args: PageArgs & { kind?: string }) => connection(args, filtered('Party', 'kind', args.kind)),
    relatedReports: (_: unknown, args: PageArgs) => connection(args, table('RelatedReport', ['position', 'id'])),
    sourceDocuments: (_: unknown, args: PageArgs) => connection(args, table('SourceDocument')),
    node: (_: unknown, args: { id: string }) => node(args.id),
    nodes: (_: unknown, args: { ids: string[] }) => args.ids.map(node),
    search: (_: unknown, args: PageArgs & { query: string }) => search(args),
  },
  Mutation: {
    // The naive write: one conditional UPDATE, no history, no evidence, no authentication.
    setCommitmentStatus: async (
      _: unknown,
      { input }: { input: { commitmentId: string; status: string; expectedVersion: number } },
    ) => {
      const id = Number(unbase64(input.commitmentId).split(':')[1]);
      const [row] = await query(
        'UPDATE "Commitment" SET "status" = $1, "version" = "version" + 1 WHERE "id" = $2 AND "version" = $3 RETURNING *',
        [input.status, id, input.expectedVersion],
      );
      if (row) return { __typename: 'SetCommitmentStatusSuccess', commitment: { ...row, __typename: 'Commitment' } };
      const [current] = await query('SELECT "version" FROM "Commitment" WHERE "id" = $1', [id]);
      return { __typename: 'StaleVersionError', message: 'stale', currentVersion: current?.version ?? 0 };
    },
  },
  SetCommitmentStatusResult: { __resolveType: (row: Row) => row.__typename },
  Node: { __resolveType: (row: Row) => row.__typename },
  SearchResult: { __resolveType: (row: Row) => row.__typename },
  Agreement: {
    id: globalId('Agreement'),
    title: text('title'),
    cooperationAreas: async (row: Row) =>
      (await list('"CooperationArea" t', 't."agreementId" = $1', 't.position')(row)).map(text('name')),
    parties: list('"AgreementParty" t', 't."agreementId" = $1', 't."partyId", t.role'),
    participants: list('"Participation" t', 't."agreementId" = $1', 't.id'),
    commitments: (row: Row, args: PageArgs) =>
      connection(args, filtered('Commitment', 'agreementId', row.id, byPosition)),
    sources: sources('agreementId'),
  },
  AgreementParty: { party: parent('Party', 'partyId') },
  Participation: {
    official: parent('Official', 'officialId'),
    agreement: parent('Agreement', 'agreementId'),
    roles: (row: Row) =>
      Array.isArray(row.roles) ? row.roles : String(row.roles).slice(1, -1).split(',').filter(Boolean),
    capacity: optionalText('capacity'),
    sources: sources('participationId'),
  },
  Party: {
    id: globalId('Party'),
    name: text('name'),
    sources: sources('partyId'),
    agreements: (row: Row, args: PageArgs) =>
      connection(args, {
        ...filtered('AgreementParty', 'partyId', row.id, ['agreementId']),
        key: 'agreementId',
        node: (link) => byId('Agreement', link.agreementId),
      }),
    commitmentsMade: (row: Row, args: PageArgs) =>
      connection(args, {
        from: '"Commitment" t JOIN "_CommitmentCommitter" l ON l."A" = t.id',
        where: 'l."B" = $1',
        params: [row.id],
        order: byPosition,
      }),
    commitmentsReceived: (row: Row, args: PageArgs) =>
      connection(args, {
        from: '"Commitment" t JOIN "_CommitmentBeneficiary" l ON l."A" = t.id',
        where: 'l."B" = $1',
        params: [row.id],
        order: byPosition,
      }),
    officials: (row: Row, args: PageArgs) =>
      connection(args, {
        ...filtered('Position', 'organizationId', row.id),
        node: (position) => byId('Official', position.officialId),
      }),
  },
  Official: {
    id: globalId('Official'),
    name: text('name'),
    positions: list('"Position" t', 't."officialId" = $1', 't.rank, t.id'),
    participations: list('"Participation" t', 't."officialId" = $1', 't.id'),
    sources: sources('officialId'),
  },
  Position: { title: text('title'), organization: parent('Party', 'organizationId') },
  Commitment: {
    id: globalId('Commitment'),
    text: text('text'),
    agreement: parent('Agreement', 'agreementId'),
    committedBy: linked('Party', '_CommitmentCommitter', 'A'),
    beneficiaries: linked('Party', '_CommitmentBeneficiary', 'A'),
    industries: (row: Row, args: PageArgs) =>
      connection(args, {
        from: '"Industry" t JOIN "_CommitmentToIndustry" l ON l."B" = t.id',
        where: 'l."A" = $1',
        params: [row.id],
        order: ['id'],
      }),
    targets: list('"Target" t', 't."commitmentId" = $1', 't.position'),
    sources: sources('commitmentId'),
  },
  Target: { quantity: (row: Row) => Number(row.quantity), unit: text('unit'), description: text('description') },
  Industry: {
    id: globalId('Industry'),
    name: text('name'),
    parent: parent('Industry', 'parentId'),
    children: list('"Industry" t', 't."parentId" = $1', 't.id'),
    commitments: (row: Row, args: PageArgs) =>
      connection(args, {
        from: '"Commitment" t JOIN "_CommitmentToIndustry" l ON l."A" = t.id',
        where: 'l."B" = $1',
        params: [row.id],
        order: byPosition,
      }),
    relatedReports: (row: Row, args: PageArgs) =>
      connection(args, {
        from: '"RelatedReport" t JOIN "IndustryReport" l ON l."reportId" = t.id AND l."reportPosition" = t.position',
        where: 'l."industryId" = $1',
        params: [row.id],
        order: ['position', 'id'],
      }),
    sources: sources('industryId'),
  },
  RelatedReport: {
    id: globalId('RelatedReport'),
    title: text('title'),
    author: optionalText('author'),
    region: optionalText('region'),
    publisher: parent('Party', 'publisherId'),
    industries: list('"Industry" t JOIN "IndustryReport" l ON l."industryId" = t.id', 'l."reportId" = $1', 't.id'),
    marketSize: (row: Row) =>
      row.marketSizeAmount && row.marketSizeCurrency && row.marketSizeText
        ? {
            amount: Number(row.marketSizeAmount),
            exactAmount: String(row.marketSizeAmount)
              .replace(/(\.\d*?)0+$/, '$1')
              .replace(/\.$/, ''),
            currency: row.marketSizeCurrency,
            text: row.marketSizeText,
          }
        : null,
    sources: sources('relatedReportId'),
  },
  SourceDocument: {
    id: globalId('SourceDocument'),
    title: text('title'),
    publisher: parent('Party', 'publisherId'),
  },
  SourceQuote: { document: parent('SourceDocument', 'documentId') },
};
