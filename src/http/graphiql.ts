import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';

const operationsDir = path.join(projectRoot, 'schema', 'operations');

/**
 * The example operations of schema/operations/, which GraphiQL opens as tabs, each with the
 * variables of `<name>.variables.json` beside it where it needs some.
 */
export function exampleOperations() {
  return fs
    .readdirSync(operationsDir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.graphql$/, '');
      const variablesFile = path.join(operationsDir, `${name}.variables.json`);
      return {
        name,
        query: fs.readFileSync(path.join(operationsDir, file), 'utf8'),
        ...(fs.existsSync(variablesFile) ? { variables: fs.readFileSync(variablesFile, 'utf8') } : {}),
      };
    });
}
