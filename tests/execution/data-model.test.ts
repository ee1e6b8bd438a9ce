import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPage, PageLoaders, readPage } from '../../src/data/page-loader.js';
import {
  DataModelError,
  type IncludeTree,
  includeTreeOf,
  linkTables,
  nodeJoinSource,
  pageSource,
} from '../../src/data/relations.js';
import { useSeededDatabase } from '../support/database.js';

const { database, db } = useSeededDatabase();

const graphqlDir = path.join(import.meta.dirname, '..', '..', 'src', 'graphql');
const modules = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const at = path.join(dir, entry.name);
    return entry.isDirectory() ? modules(at) : entry.name.endsWith('.ts') ? [at] : [];
  });

describe('the GraphQL layer', () => {
  it('names no table, link table, key column or SQL: it declares relations, and the data layer derives the rest', () => {
    const links = linkTables();
    expect(links).toEqual(
      expect.arrayContaining(['_CommitmentCommitter', '_CommitmentBeneficiary', '_CommitmentToIndustry']),
    );
    const offending = modules(graphqlDir).flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8');
      const found = [
        ...links.filter((link) => text.includes(link)),
        ...(text.match(/\b(SELECT|FROM|JOIN|WHERE|LATERAL|\$queryRaw\w*|\.query\()/g) ?? []),
        ...(text.match(/\b(table|foreignKey|parentColumn|itemColumn|linkOrderBy|through: '_)\b/g) ?? []),
      ];
      return found.map((what) => `${path.relative(graphqlDir, file)}: ${what}`);
    });
    expect(offending).toEqual([]);
  });
});

describe('page sources derived from the data model', () => {
  it('find the foreign key, the link table and its columns, and the order a link index holds', () => {
    expect(pageSource('Agreement', 'commitments', { orderBy: ['agreementId', 'position', 'id'] })).toEqual({
      name: 'Agreement.commitments',
      table: 'Commitment',
      orderBy: ['agreementId', 'position', 'id'],
      foreignKey: 'agreementId',
    });
    expect(pageSource('Party', 'commitmentsMade', { orderBy: ['id'] })).toMatchObject({
      table: 'Commitment',
      through: '_CommitmentCommitter',
      parentColumn: 'B',
      itemColumn: 'A',
      linkOrderBy: ['A'],
    });
    expect(pageSource('Commitment', 'industries', { orderBy: ['id'] })).toMatchObject({
      through: '_CommitmentToIndustry',
      parentColumn: 'A',
      itemColumn: 'B',
      linkOrderBy: ['B'],
    });
    expect(pageSource('Industry', 'commitments', { orderBy: ['position', 'id'] })).not.toHaveProperty('linkOrderBy');
    expect(pageSource('Industry', 'relatedReports', { through: 'report', orderBy: ['position', 'id'] })).toEqual({
      name: 'Industry.relatedReports',
      table: 'RelatedReport',
      orderBy: ['position', 'id'],
      through: 'IndustryReport',
      parentColumn: 'industryId',
      itemColumn: 'reportId',
      linkOrderBy: ['reportPosition', 'reportId'],
    });
    expect(pageSource('Party', 'positions', { orderBy: ['id'], answeredAs: 'official' })).toEqual({
      name: 'Party.positions',
      table: 'Position',
      orderBy: ['id'],
      foreignKey: 'organizationId',
      node: { table: 'Official', foreignKey: 'officialId' },
    });
  });

  it('refuse what the data model does not hold, by name', () => {
    expect(() => pageSource('Party', 'friends', { orderBy: ['id'] })).toThrow(
      new DataModelError('Party has no field friends'),
    );
    expect(() => pageSource('Party', 'kind', { orderBy: ['id'] })).toThrow(/not a list relation/);
    expect(() => pageSource('Agreement', 'commitments', { orderBy: ['id'], through: 'industries' })).toThrow(
      /not a relation that holds a foreign key/,
    );
  });
});

describe('pages read through the driver', () => {
  it('answer an enum list as an array, in nested and in top-level pages', async () => {
    const roles = (rows: { roles?: unknown }[]) => rows.map((row) => row.roles);
    const [agreement] = await database.query<{ id: number }>('SELECT id FROM "Agreement" LIMIT 1', []);
    const nested = await loadPage<{ roles: unknown }>(
      new PageLoaders(database),
      pageSource('Agreement', 'participants', { orderBy: ['id'] }),
      ['id', 'roles'],
      agreement?.id ?? 0,
      { first: 10 },
      { defaultSize: 20, maxSize: 100 },
    );
    const top = await readPage<{ roles: unknown }>(
      database,
      'Participation',
      ['id'],
      { take: 10, skip: 0 },
      ['id', 'roles'],
      {},
    );
    const nestedRoles = roles(nested.edges.map((edge) => edge.node));
    expect(nestedRoles.length).toBeGreaterThan(0);
    expect(roles(top)).toEqual(nestedRoles);
    const viaPrisma = await db.participation.findMany({ orderBy: { id: 'asc' }, take: 10, select: { roles: true } });
    expect(nestedRoles).toEqual(viaPrisma.map((row) => row.roles));
    expect(nestedRoles.every(Array.isArray)).toBe(true);
  });
});

describe('nodes read by id in one joined statement', () => {
  it('take the include trees Pothos plans, and nothing Prisma alone can read', () => {
    expect(
      includeTreeOf({
        include: { agreement: { include: { parties: { orderBy: { partyId: 'asc' }, include: { party: true } } } } },
      }),
    ).toEqual({ agreement: { include: { parties: { orderBy: ['partyId'], include: { party: {} } } } } });
    expect(includeTreeOf({})).toEqual({});
    expect(includeTreeOf({ include: { positions: { orderBy: [{ rank: 'asc' }, { id: 'asc' }] } } })).toEqual({
      positions: { orderBy: ['rank', 'id'] },
    });
    for (const refused of [
      { select: { id: true } },
      { include: { positions: { where: { rank: 0 } } } },
      { include: { positions: { orderBy: { rank: 'desc' } } } },
      { include: { positions: { take: 2 } } },
      { include: { _count: { select: { positions: true } } } },
      { include: { positions: { select: { id: true } } } },
    ]) {
      expect(includeTreeOf(refused), JSON.stringify(refused)).toBeNull();
    }
  });

  it('order a list by its columns, then by the key it lacks (a primary key of several columns too)', () => {
    const source = nodeJoinSource('Commitment', { agreement: { include: { parties: { orderBy: ['partyId'] } } } });
    expect(
      source.levels.map(({ model, relation, key, orderBy, on }) => ({ model, relation, key, orderBy, on })),
    ).toEqual([
      { model: 'Commitment', relation: '', key: ['id'], orderBy: ['id'], on: { column: 'id', parentColumn: 'id' } },
      {
        model: 'Agreement',
        relation: 'agreement',
        key: ['id'],
        orderBy: ['id'],
        on: { column: 'id', parentColumn: 'agreementId' },
      },
      {
        model: 'AgreementParty',
        relation: 'parties',
        key: ['agreementId', 'partyId', 'role'],
        orderBy: ['partyId', 'agreementId', 'role'],
        on: { column: 'agreementId', parentColumn: 'id' },
      },
    ]);
  });

  it('refuse what one join cannot read as Prisma would, by name', () => {
    expect(() => nodeJoinSource('Commitment', { targets: {} })).toThrow(
      new DataModelError('Target.quantity is a Decimal: read it through Prisma'),
    );
    expect(() => nodeJoinSource('Commitment', { industries: {} })).toThrow(/many-to-many/);
    expect(() => nodeJoinSource('Official', { positions: {}, participations: {} })).toThrow(/one list relation/);
    expect(() => nodeJoinSource('Party', { kind: {} })).toThrow(/not a relation/);
  });

  it('give the rows Prisma includes, empty lists and missing rows alike', async () => {
    // Each list in a total order, so that Prisma's order is the join's.
    const reads: { model: string; tree: IncludeTree }[] = [
      {
        model: 'Commitment',
        tree: { agreement: { include: { parties: { orderBy: ['partyId', 'role'], include: { party: {} } } } } },
      },
      { model: 'Official', tree: { positions: { orderBy: ['rank', 'id'], include: { organization: {} } } } },
      { model: 'Agreement', tree: { cooperationAreas: { orderBy: ['position', 'id'] } } },
      { model: 'Party', tree: { positions: { orderBy: ['id'] } } },
      { model: 'Industry', tree: { parent: {}, children: { orderBy: ['id'] } } },
    ];
    const prismaInclude = (tree: IncludeTree): Record<string, unknown> =>
      Object.fromEntries(
        Object.entries(tree).map(([relation, { orderBy, include }]) => [
          relation,
          {
            ...(orderBy ? { orderBy: orderBy.map((column) => ({ [column]: 'asc' })) } : {}),
            ...(include ? { include: prismaInclude(include) } : {}),
          },
        ]),
      );
    for (const { model, tree } of reads) {
      const delegate = (db as any)[model.charAt(0).toLowerCase() + model.slice(1)];
      const ids: number[] = (await delegate.findMany({ select: { id: true } })).map((row: { id: number }) => row.id);
      const asked = [...ids, 999_999];
      const joined = await new PageLoaders(database).joined(nodeJoinSource(model, tree)).loadMany(asked);
      const viaPrisma = await Promise.all(
        asked.map((id) => delegate.findUnique({ where: { id }, include: prismaInclude(tree) })),
      );
      expect(ids.length, model).toBeGreaterThan(0);
      expect(
        joined.map((rows) => (Array.isArray(rows) ? (rows[0] ?? null) : rows)),
        model,
      ).toEqual(viaPrisma);
    }
  });
});
