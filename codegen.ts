import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents for the example consumer, generated from the committed SDL and example operations.
// The output folder is git-ignored: run `npm run codegen` (or `npm test`) to create it.
const config: CodegenConfig = {
  schema: './schema/schema.graphql',
  documents: './schema/operations/*.graphql',
  ignoreNoDocuments: false,
  generates: {
    './examples/consumer/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      // importExtension: NodeNext needs `.js` on the relative imports between the generated files.
      config: { enumsAsTypes: true, useTypeImports: true, importExtension: '.js' },
    },
  },
};

export default config;
