import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';

const operationsDir = path.join(projectRoot, 'schema', 'operations');

/** The example operations of schema/operations/, which GraphiQL opens as tabs. */
export function exampleOperations() {
  return fs
    .readdirSync(operationsDir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => ({
      name: file.replace(/\.graphql$/, ''),
      query: fs.readFileSync(path.join(operationsDir, file), 'utf8'),
    }));
}
