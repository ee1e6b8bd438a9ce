import {
  type GraphQLField,
  type GraphQLOutputType,
  getNamedType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/schema.js';
import { useApp } from '../support/app.js';

const { query, sent } = useApp({ limits: { cost: 10_000_000 } });

/** A selection of every field of `type` that takes no required argument, objects to one level. */
function everything(type: GraphQLOutputType, depth = 1): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named) && !isInterfaceType(named)) return '{ __typename }';
  const fields = Object.values(named.getFields()).filter(
    (field) => !field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined),
  );
  if (depth === 0) {
    const leaves = fields.filter((field) => isLeafType(getNamedType(field.type)));
    return `{ __typename ${leaves.map((field) => field.name).join(' ')} }`;
  }
  return `{ ${fields.map((field) => `${field.name} ${selectionOf(field, depth - 1)}`).join(' ')} }`;
}

function selectionOf(field: GraphQLField<unknown, unknown>, depth: number) {
  const named = getNamedType(field.type);
  if (named.name.endsWith('Connection')) return `(first: 3) { totalCount edges { node { id } } }`;
  return everything(field.type, depth);
}

/** A selection of each leaf of an object field on its own (`title { en }`), for fields read from several columns. */
function eachLeafAlone(field: GraphQLField<unknown, unknown>) {
  const named = getNamedType(field.type);
  if (!isObjectType(named) || named.name.endsWith('Connection')) return [];
  return Object.values(named.getFields())
    .filter((leaf) => isLeafType(getNamedType(leaf.type)))
    .map((leaf) => `{ id ${field.name} { ${leaf.name} } }`);
}

// A page of each item type through the page loaders, under a parent that has items.
const pages: Record<string, (selection: string) => string> = {
  Commitment: (s) => `{ agreements(first: 3) { edges { node { commitments(first: 10) { edges { node ${s} } } } } } }`,
  Industry: (s) => `{ commitments(first: 10) { edges { node { industries(first: 10) { edges { node ${s} } } } } } }`,
  RelatedReport: (s) =>
    `{ industries(first: 100) { edges { node { relatedReports(first: 10) { edges { node ${s} } } } } } }`,
  Official: (s) => `{ parties(first: 10) { edges { node { officials(first: 10) { edges { node ${s} } } } } } }`,
};

// The top-level pages, read through the driver when their nodes select no Prisma relation.
const topLevelPages: Record<string, string> = {
  Agreement: 'agreements',
  Commitment: 'commitments',
  Industry: 'industries',
  Official: 'officials',
  Party: 'parties',
  RelatedReport: 'relatedReports',
};

type Page = { edges: { node: Record<string, unknown> }[] };

function nestedItems(data: unknown): { id: string }[] {
  const connection = Object.values(data as Record<string, Page>)[0];
  return (connection?.edges ?? []).flatMap(({ node }) =>
    Object.values(node).flatMap((inner) => (inner as Page).edges.map((e) => e.node as { id: string })),
  );
}

const topLevelItems = (data: unknown) =>
  (Object.values(data as Record<string, Page>)[0]?.edges ?? []).map((edge) => edge.node as { id: string });

const cases = [
  ...Object.entries(pages).map(([type, page]) => ({ type, page, items: nestedItems, where: 'a nested page' })),
  ...Object.entries(topLevelPages).map(([type, field]) => ({
    type,
    page: (s: string) => `{ ${field}(first: 10) { edges { node ${s} } } }`,
    items: topLevelItems,
    where: `${field}`,
  })),
];

describe('page loaders read only the columns the selected fields need', () => {
  for (const { type: typeName, page, items: itemsOf, where } of cases) {
    it(`and every field of ${typeName} answers through ${where} as through nodes(ids)`, async () => {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
      for (const field of Object.values(type.getFields())) {
        for (const selection of [`{ id ${field.name} ${selectionOf(field, 1)} }`, ...eachLeafAlone(field)]) {
          const items = itemsOf(await query(page(selection)));
          expect(items.length, `${typeName} has items on a page`).toBeGreaterThan(0);
          const { nodes } = await query(
            `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on ${typeName} ${selection} } }`,
            { ids: items.map((item) => item.id) },
          );
          expect(items, `${typeName} ${selection}`).toEqual(nodes);
        }
      }
    });
  }

  it('so that a page of reports asked for English titles leaves their excerpts and other scripts in the database, and parties their aliases', async () => {
    const pageStatement = async (selection: string) =>
      (await sent(pages.RelatedReport?.(selection) ?? '')).find((sql) => sql.includes('IndustryReport')) ?? '';
    const titles = await pageStatement('{ title { en } year }');
    expect(titles).toContain('"titleEn"');
    expect(titles).not.toContain('"titleZhHans"');
    expect(titles).toContain('"year"');
    expect(titles).not.toContain('"excerpt"');
    expect(titles).not.toContain('t.*');
    expect(await pageStatement('{ excerpt }')).toContain('"excerpt"');
    const [parties] = await sent('{ parties(first: 5) { edges { node { name { en } } } } }');
    expect(parties).toContain('"nameEn"');
    expect(parties).not.toContain('"aliases"');
  });
});
