import type {
  CommitmentStatus,
  ExploreEntityQuery,
  ExploreQuoteFragment,
  ExploreReportItemFragment,
} from './generated/graphql.js';

/** Where the page shows an entity: a URL to share, that Back returns to. */
export const entityPath = (id: string) => `/explore/${encodeURIComponent(id)}`;

export type EntityType = 'Agreement' | 'Party' | 'Official' | 'Commitment' | 'Industry' | 'RelatedReport';

/** A neighbour of the open entity: one it links to (with an id to move there), or a target, which has none. */
export interface Neighbour {
  id: string | null;
  type: EntityType | 'Target';
  name: string;
  /** What the link says beyond the name: roles, status, a capacity. */
  notes: string[];
}

export interface Group {
  relation: string;
  neighbours: Neighbour[];
}

export interface Count {
  label: string;
  value: number;
}

export interface Entity {
  id: string;
  type: EntityType;
  name: string;
  groups: Group[];
  /** What the entity's type and enums say about it, as words to look up. */
  facts: { label: string; words: string[]; text?: string }[];
  counts: { label: string; counts: Count[] } | null;
  reports: ExploreReportItemFragment[];
  quotes: ExploreQuoteFragment[];
}

type Node = NonNullable<ExploreEntityQuery['node']>;

const nodes = <T>(connection: { edges: ({ node: T } | null)[] }) =>
  connection.edges.flatMap((edge) => (edge ? [edge.node] : []));

const named = (type: EntityType, item: { id: string; name: { text: string } }, notes: string[] = []): Neighbour => ({
  id: item.id,
  type,
  name: item.name.text,
  notes,
});

const commitment = (item: { id: string; status: CommitmentStatus; text: { text: string } }): Neighbour => ({
  id: item.id,
  type: 'Commitment',
  name: item.text.text,
  notes: [item.status],
});

const agreement = (item: { id: string; title: { text: string } }, notes: string[] = []): Neighbour => ({
  id: item.id,
  type: 'Agreement',
  name: item.title.text,
  notes,
});

const report = (item: ExploreReportItemFragment): Neighbour => ({
  id: item.id,
  type: 'RelatedReport',
  name: item.title.text,
  notes: item.marketSize ? [item.marketSize.text] : [],
});

const group = (relation: string, neighbours: Neighbour[]): Group[] =>
  neighbours.length ? [{ relation, neighbours }] : [];

/** What the page shows of a node: its neighbours by relation, its counts, its reports' market sizes, its quotes. */
export function entityOf(node: Node): Entity | null {
  switch (node.__typename) {
    case 'Agreement':
      return {
        id: node.id,
        type: 'Agreement',
        name: node.title.text,
        groups: [
          ...group(
            'parties',
            node.parties.map((p) => named('Party', p.party, [p.role])),
          ),
          ...group(
            'participants',
            node.participants.map((p) => named('Official', p.official, p.roles)),
          ),
          ...group('commitments', nodes(node.commitments).map(commitment)),
        ],
        facts: [],
        counts: {
          label: 'Commitments by status',
          counts: node.commitmentCounts.map((c) => ({ label: c.status, value: c.count })),
        },
        reports: [],
        quotes: node.sources,
      };
    case 'Party':
      return {
        id: node.id,
        type: 'Party',
        name: node.name.text,
        groups: [
          ...group(
            'agreements',
            nodes(node.agreements).map((a) => agreement(a)),
          ),
          ...group(
            'officials',
            nodes(node.officials).map((o) => named('Official', o)),
          ),
          ...group('commitmentsMade', nodes(node.commitmentsMade).map(commitment)),
          ...group('commitmentsReceived', nodes(node.commitmentsReceived).map(commitment)),
        ],
        facts: [],
        counts: {
          label: 'Commitments',
          counts: [
            { label: 'commitmentsMade', value: node.commitmentsMade.totalCount },
            { label: 'commitmentsReceived', value: node.commitmentsReceived.totalCount },
          ],
        },
        reports: [],
        quotes: node.sources,
      };
    case 'Official':
      return {
        id: node.id,
        type: 'Official',
        name: node.name.text,
        groups: [
          ...group(
            'participations',
            node.participations.map((p) => agreement(p.agreement, p.roles)),
          ),
          ...group(
            'positions',
            node.positions.map((p) => ({ ...named('Party', p.organization), notes: [] })),
          ),
        ],
        facts: [
          ...node.participations.map((p) => ({
            label: 'What they did',
            words: p.roles,
            text: [p.capacity?.text, p.agreement.title.text].filter(Boolean).join(' · '),
          })),
          ...node.positions.map((p) => ({ label: 'Office', words: [], text: p.title.text })),
        ],
        counts: null,
        reports: [],
        quotes: [...node.sources, ...node.participations.flatMap((p) => p.sources)],
      };
    case 'Commitment':
      return {
        id: node.id,
        type: 'Commitment',
        name: node.text.text,
        groups: [
          ...group('agreement', [agreement(node.agreement)]),
          ...group(
            'committedBy',
            node.committedBy.map((p) => named('Party', p)),
          ),
          ...group(
            'beneficiaries',
            node.beneficiaries.map((p) => named('Party', p)),
          ),
          ...group(
            'industries',
            nodes(node.industries).map((i) => named('Industry', i)),
          ),
          ...group(
            'targets',
            node.targets.map((t) => ({
              id: null,
              type: 'Target' as const,
              name: `${t.quantity} ${t.unit.text} · ${t.description.text}`,
              notes: [],
            })),
          ),
          ...group('relatedReports', nodes(node.relatedReports).map(report)),
        ],
        facts: [{ label: 'Status', words: [node.status] }],
        counts: {
          label: 'Related reports',
          counts: [{ label: 'relatedReports', value: node.relatedReports.totalCount }],
        },
        reports: nodes(node.relatedReports),
        quotes: node.sources,
      };
    case 'Industry':
      return {
        id: node.id,
        type: 'Industry',
        name: node.name.text,
        groups: [
          ...group(
            'broader',
            node.broader.map((i) => named('Industry', i)),
          ),
          ...group(
            'narrower',
            node.narrower.map((i) => named('Industry', i)),
          ),
          ...group('commitments', nodes(node.commitments).map(commitment)),
          ...group('relatedReports', nodes(node.relatedReports).map(report)),
        ],
        facts: [],
        counts: {
          label: 'Related reports',
          counts: [
            { label: 'with narrower industries', value: node.relatedReports.totalCount },
            { label: 'of this industry alone', value: node.ownReports.totalCount },
          ],
        },
        reports: nodes(node.relatedReports),
        quotes: node.sources,
      };
    case 'RelatedReport':
      return {
        id: node.id,
        type: 'RelatedReport',
        name: node.title.text,
        groups: [
          ...group('publisher', node.publisher ? [named('Party', node.publisher)] : []),
          ...group(
            'industries',
            node.reportIndustries.map((i) => named('Industry', i)),
          ),
        ],
        facts: [
          ...(node.author ? [{ label: 'By', words: [], text: node.author.text }] : []),
          ...(node.region ? [{ label: 'Region', words: [], text: node.region.text }] : []),
          ...(node.year ? [{ label: 'Year', words: [], text: String(node.year) }] : []),
        ],
        counts: null,
        reports: node.marketSize ? [{ id: node.id, title: node.title, marketSize: node.marketSize }] : [],
        quotes: node.sources,
      };
    default:
      return null;
  }
}
