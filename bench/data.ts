// npm run bench:data -- --size S|M|L
// Rebuilds the database at DATABASE_URL (a real PostgreSQL server) as production has it — the
// migrations and the article's own rows — then adds synthetic rows of the same model, drawn from
// a fixed seed so every run builds the same data. Synthetic rows are keyed "bench-…" and named
// "Synthetic …" (合成…): they are load, not facts, and never reach the product's own database.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { searchGrams } from '../src/data/search-text.js';
import { pinyinInitials } from '../src/text/convert.js';
import { seededRandom } from './lib/random.js';

export const sizes = {
  S: { agreements: 100, parties: 300, officials: 900, industries: 50, reports: 400 },
  M: { agreements: 1000, parties: 3000, officials: 9000, industries: 150, reports: 4000 },
  L: { agreements: 5000, parties: 15000, officials: 45000, industries: 300, reports: 20000 },
} as const;
export type Size = keyof typeof sizes;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const partyKinds = ['GOVERNMENT', 'GOVERNMENT_AGENCY', 'DEVELOPMENT_ZONE', 'INDUSTRY_CLUSTER', 'RESEARCH_INSTITUTE'];

type Row = Record<string, unknown>;
const sequenced = [
  'Party',
  'Official',
  'Position',
  'Agreement',
  'Participation',
  'Commitment',
  'Industry',
  'RelatedReport',
] as const;
type Sequenced = (typeof sequenced)[number];
const tables = [
  ...sequenced,
  'AgreementParty',
  '_CommitmentToIndustry',
  'IndustryReport',
  'SearchTerm',
  'SearchGram',
] as const;
/** Revisions the bench's data holds before any write is measured: reads are measured beside a history of this size. */
export const revisionCounts: Record<Size, number> = { S: 2_000, M: 20_000, L: 100_000 };
type Table = (typeof tables)[number];

/** Rows per table of the benchmark's model, as the results report the dataset. */
export async function countRows(client: pg.Client) {
  const counts: Record<string, number> = {};
  for (const table of [...tables, 'Revision']) {
    counts[table] = (await client.query(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0].n;
  }
  return counts;
}

/** Every 10th synthetic name carries the city's name, so a search for it has many hits to rank. */
const local = (i: number) => i % 10 === 0;

export function generate(size: Size, first: Record<Sequenced, number>, seed = 2012) {
  const n = sizes[size];
  const random = seededRandom(seed);
  const int = (below: number) => Math.floor(random() * below);
  const distinct = (count: number, below: number, offset: number) => {
    const picked = new Set<number>();
    while (picked.size < Math.min(count, below)) picked.add(offset + int(below));
    return [...picked];
  };
  const name = (i: number, hant: string, hans: string, en: string) => ({
    ZhHant: `${local(i) ? '襄陽' : ''}${hant}${i}`,
    ZhHans: `${local(i) ? '襄阳' : ''}${hans}${i}`,
    En: `${local(i) ? 'Xiangyang ' : ''}${en} ${i}`,
  });
  const columns = (prefix: string, text: { ZhHant: string; ZhHans: string; En: string }) => ({
    [`${prefix}ZhHant`]: text.ZhHant,
    [`${prefix}ZhHans`]: text.ZhHans,
    [`${prefix}En`]: text.En,
  });

  const rows = Object.fromEntries(tables.map((table) => [table, []])) as unknown as Record<Table, Row[]>;
  const terms = (entityType: string, entityId: number, text: { ZhHant: string; ZhHans: string; En: string }) => {
    const forms = new Set([text.ZhHant, text.ZhHans, text.En.toLowerCase().replace(/[^a-z0-9]/g, '')]);
    const grams = new Set<string>();
    for (const term of forms) {
      const initials = term === text.ZhHant ? (pinyinInitials(term) ?? null) : null;
      rows.SearchTerm.push({ entityType, entityId, term, isName: true, initials });
      for (const gram of searchGrams(term, initials)) grams.add(gram);
    }
    for (const gram of grams) rows.SearchGram.push({ gram, entityType, entityId });
  };

  for (let i = 0; i < n.parties; i++) {
    const id = first.Party + i;
    const text = name(i, '合成機構', '合成机构', 'Synthetic organisation');
    rows.Party.push({
      id,
      key: `bench-party-${i}`,
      ...columns('name', text),
      kind: partyKinds[int(partyKinds.length)],
    });
    terms('PARTY', id, text);
  }
  let positionId = first.Position;
  for (let i = 0; i < n.officials; i++) {
    const id = first.Official + i;
    const text = name(i, '合成官員', '合成官员', 'Synthetic official');
    rows.Official.push({ id, key: `bench-official-${i}`, ...columns('name', text) });
    terms('OFFICIAL', id, text);
    const held = random() < 1 / 3 ? 2 : 1;
    distinct(held, n.parties, first.Party).forEach((organizationId, rank) => {
      rows.Position.push({
        id: positionId++,
        officialId: id,
        organizationId,
        rank,
        ...columns('title', { ZhHant: `合成職務${rank}`, ZhHans: `合成职务${rank}`, En: `Synthetic office ${rank}` }),
      });
    });
  }
  for (let i = 0; i < n.industries; i++) {
    const id = first.Industry + i;
    const text = name(i, '合成產業', '合成产业', 'Synthetic industry');
    const parentId = i < n.industries / 10 ? null : first.Industry + int(Math.ceil(n.industries / 10));
    rows.Industry.push({ id, key: `bench-industry-${i}`, ...columns('name', text), parentId });
    terms('INDUSTRY', id, text);
  }
  for (let i = 0; i < n.reports; i++) {
    const id = first.RelatedReport + i;
    const text = name(i, '合成報告', '合成报告', 'Synthetic report');
    rows.RelatedReport.push({
      id,
      key: `bench-report-${i}`,
      position: 1000 + i,
      ...columns('title', text),
      year: 2000 + int(25),
    });
    terms('RELATED_REPORT', id, text);
    for (const industryId of distinct(1 + int(2), n.industries, first.Industry)) {
      rows.IndustryReport.push({ industryId, reportId: id, reportPosition: 1000 + i });
    }
  }
  let commitmentId = first.Commitment;
  let participationId = first.Participation;
  for (let i = 0; i < n.agreements; i++) {
    const id = first.Agreement + i;
    const text = name(i, '合成協議', '合成协议', 'Synthetic agreement');
    rows.Agreement.push({ id, key: `bench-agreement-${i}`, ...columns('title', text), year: 2000 + int(25) });
    terms('AGREEMENT', id, text);
    for (const partyId of distinct(2, n.parties, first.Party)) {
      rows.AgreementParty.push({ agreementId: id, partyId, role: 'SIGNATORY' });
    }
    for (const officialId of distinct(2 + int(4), n.officials, first.Official)) {
      rows.Participation.push({
        id: participationId++,
        agreementId: id,
        officialId,
        roles: random() < 0.5 ? ['SIGNED'] : ['ATTENDED'],
      });
    }
    const commitments = 1 + int(9);
    for (let position = 0; position < commitments; position++) {
      const cid = commitmentId++;
      const ctext = name(cid, '合成承諾', '合成承诺', 'Synthetic commitment');
      rows.Commitment.push({
        id: cid,
        key: `bench-commitment-${cid}`,
        agreementId: id,
        position,
        ...columns('text', ctext),
      });
      terms('COMMITMENT', cid, ctext);
      for (const industryId of distinct(1 + int(3), n.industries, first.Industry)) {
        rows._CommitmentToIndustry.push({ A: cid, B: industryId });
      }
    }
  }
  return rows;
}

const recordTypes: Record<string, string> = {
  id: 'int',
  key: 'text',
  kind: '"PartyKind"',
  officialId: 'int',
  organizationId: 'int',
  rank: 'int',
  agreementId: 'int',
  partyId: 'int',
  role: '"AgreementPartyRole"',
  roles: '"ParticipationRole"[]',
  position: 'int',
  year: 'int',
  parentId: 'int',
  A: 'int',
  B: 'int',
  industryId: 'int',
  reportId: 'int',
  reportPosition: 'int',
  entityType: '"SearchEntityType"',
  entityId: 'int',
  term: 'text',
  isName: 'boolean',
};
const typeOf = (column: string) => recordTypes[column] ?? 'text';

async function insert(client: pg.Client, table: string, rows: Row[]) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as Row);
  const list = columns.map((c) => `"${c}"`).join(', ');
  const record = columns.map((c) => `"${c}" ${typeOf(c)}`).join(', ');
  for (let start = 0; start < rows.length; start += 10_000) {
    await client.query(`INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_to_recordset($1) AS x(${record})`, [
      JSON.stringify(rows.slice(start, start + 10_000)),
    ]);
  }
}

export async function buildDatabase(databaseUrl: string, size: Size, log = console.log) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public');
    const env = { ...process.env, DATABASE_URL: databaseUrl };
    for (const script of ['db:migrate', 'db:seed'])
      execFileSync('npm', ['run', '--silent', script], { cwd: root, env, stdio: 'ignore' });

    const first = {} as Record<Sequenced, number>;
    for (const table of sequenced) {
      const { rows } = await client.query(`SELECT coalesce(max(id), 0) + 1 AS next FROM "${table}"`);
      first[table] = Number(rows[0].next);
    }
    const rows = generate(size, first);
    await client.query('BEGIN');
    for (const [table, tableRows] of Object.entries(rows)) await insert(client, table, tableRows);
    for (const table of [...sequenced, 'SearchTerm']) {
      await client.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max(id) FROM "${table}"))`);
    }
    // Synthetic history, spread over the commitments: what a graph curated for a while would hold.
    await client.query(
      `WITH c AS (SELECT "id", row_number() OVER (ORDER BY "id") AS rn FROM "Commitment"), n AS (SELECT count(*) AS n FROM c)
       INSERT INTO "Revision" ("at", "actor", "action", "entityType", "entityId", "changes")
       SELECT now() - make_interval(secs => $1 - g), 'bench-history', 'UPDATE', 'Commitment', c."id",
         jsonb_build_object('reason', jsonb_build_object('before', NULL, 'after', 'synthetic ' || g))
       FROM generate_series(1, $1::int) g CROSS JOIN n JOIN c ON c.rn = 1 + g % n.n`,
      [revisionCounts[size]],
    );
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE');
    const counts = await countRows(client);
    log(`bench data ${size}: ${JSON.stringify(counts)}`);
    return counts;
  } finally {
    await client.end();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--size');
  const size = (at > 0 ? process.argv[at + 1] : 'S') as Size;
  const url = process.env.DATABASE_URL;
  if (!(size in sizes) || !url?.startsWith('postgres')) {
    console.error('usage: DATABASE_URL=postgres://… npm run bench:data -- --size S|M|L (the database is rebuilt)');
    process.exit(2);
  }
  await buildDatabase(url, size);
}
