import path from 'node:path';
import { printSchema } from 'graphql';
import { projectRoot } from '../config.js';
import { schema } from './index.js';

export const schemaFile = path.join(projectRoot, 'schema', 'schema.graphql');

export function printSchemaFile(): string {
  return `${printSchema(schema)}\n`;
}
