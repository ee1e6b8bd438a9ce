// npm run schema:print — writes schema/schema.graphql, the SDL consumers generate clients from.
// It refuses a change that breaks consumers unless schema/breaking-changes.json declares it.
import fs from 'node:fs';
import { buildSchema } from 'graphql';
import { printedSchema } from '../src/graphql/schema.js';
import { schemaFile, undeclaredBreakingChanges } from './breaking-changes.js';

const printed = printedSchema();
if (fs.existsSync(schemaFile)) {
  const undeclared = await undeclaredBreakingChanges(
    buildSchema(fs.readFileSync(schemaFile, 'utf8')),
    buildSchema(printed),
  );
  if (undeclared.length) {
    console.error(
      `These changes break consumers; declare each in schema/breaking-changes.json as {"change": "…", "reason": "…"}:\n${undeclared.map((c) => `  ${c}`).join('\n')}`,
    );
    process.exit(1);
  }
}
fs.writeFileSync(schemaFile, printed);
console.log(`Wrote ${schemaFile}`);
process.exit(0);
