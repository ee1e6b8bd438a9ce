import fs from 'node:fs';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import {
  buildSchema,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  committedSchema,
  schemaFile,
  subgraphFile,
  undeclaredBreakingChanges,
} from '../../scripts/breaking-changes.js';
import { printedSchema, printedSubgraph, schema } from '../../src/graphql/schema.js';

const contract = buildSchema(fs.readFileSync(new URL('../../schema/api-contract.graphql', import.meta.url), 'utf8'));

describe('the published schema', () => {
  it('is committed exactly as the code prints it (npm run schema:print rewrites it)', () => {
    expect(fs.readFileSync(schemaFile, 'utf8')).toBe(printedSchema());
  });

  it('is committed as a federation subgraph exactly as the code prints it, every node type an entity but ApiKey', () => {
    const sdl = fs.readFileSync(subgraphFile, 'utf8');
    expect(sdl).toBe(printedSubgraph());
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])');
    const keyed = [...sdl.matchAll(/^type (\w+) implements Node\n {2}@key\(fields: "id"\)/gm)].map((match) => match[1]);
    const nodes = [...sdl.matchAll(/^type (\w+) implements Node\b/gm)].map((match) => match[1]);
    expect(keyed).toEqual(nodes.filter((name) => name !== 'ApiKey'));
    expect(keyed).toHaveLength(12);
  });

  it('keeps everything the API contract names, with the same types', async () => {
    const changes = await diff(contract, schema);
    expect(changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking).map((c) => c.message)).toEqual([]);
  });

  // HEAD holds the schema as last committed, HEAD~1 the one before: a change from either that
  // breaks consumers must be declared in schema/breaking-changes.json with its reason.
  for (const revision of ['HEAD', 'HEAD~1']) {
    const before = committedSchema(revision);
    it.skipIf(!before)(`breaks nothing undeclared since ${revision}`, async () => {
      expect(await undeclaredBreakingChanges(before as GraphQLSchema, schema)).toEqual([]);
    });
  }

  it('notices a breaking change and accepts it once declared', async () => {
    const sdl = printedSchema();
    const removed = buildSchema(sdl.replace('  """The year the agreement covers."""\n  year: Int!\n', ''));
    const change = "Field 'year' was removed from object type 'Agreement'";
    expect(await undeclaredBreakingChanges(schema, removed)).toEqual([change]);
    expect(await undeclaredBreakingChanges(schema, removed, [{ change, reason: 'test' }])).toEqual([]);
  });

  it('describes every type and field', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields()))
          if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type) || isUnionType(type)) continue;
    }
    expect(missing).toEqual([]);
  });
});
