import fs from 'node:fs';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isUnionType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { printSchemaFile, schemaFile } from '../src/schema/print.js';

const contract = buildSchema(fs.readFileSync(new URL('../schema/api-contract.graphql', import.meta.url), 'utf8'));

describe('the published schema', () => {
  it('is committed exactly as the code prints it (npm run schema:print rewrites it)', () => {
    expect(fs.readFileSync(schemaFile, 'utf8')).toBe(printSchemaFile());
  });

  it('keeps everything the API contract names, with the same types', async () => {
    const changes = await diff(contract, schema);
    expect(changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking).map((c) => c.message)).toEqual([]);
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
