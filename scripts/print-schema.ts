// npm run schema:print — writes schema/schema.graphql, the SDL consumers generate clients from.
process.env.DATA_DIR = 'memory://';
delete process.env.DATABASE_URL;
const fs = await import('node:fs');
const { printSchemaFile, schemaFile } = await import('../src/schema/print.js');
fs.writeFileSync(schemaFile, printSchemaFile());
console.log(`Wrote ${schemaFile}`);
process.exit(0);
