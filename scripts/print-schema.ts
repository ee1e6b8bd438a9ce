// npm run schema:print — writes schema/schema.graphql, the SDL consumers generate clients from, and
// schema/subgraph.graphql, the same schema as a federation subgraph for composing a supergraph.
// It refuses a change that breaks consumers unless schema/breaking-changes.json declares it.
import fs from 'node:fs';
import { buildSchema } from 'graphql';
import { printedSchema, printedSubgraph } from '../src/graphql/schema.js';
import { schemaFile, subgraphFile, undeclaredBreakingChanges } from './breaking-changes.js';

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
fs.writeFileSync(subgraphFile, printedSubgraph());
console.log(`Wrote ${schemaFile} and ${subgraphFile}`);
process.exit(0);
