import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPage, PageLoaders, readPage } from '../../src/data/page-loader.js';
import { DataModelError, linkTables, pageSource } from '../../src/data/relations.js';
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
