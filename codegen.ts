import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents for the example consumer and for the explorer page, generated from the committed SDL and the
// operations of schema/operations/. The output folders are git-ignored: run `npm run codegen` (or `npm test`).
// The consumer's persisted-documents.json lists every operation, the explorer's included: it is the server's
// trusted documents; the explorer's documents carry only their hash, which the page sends as documentId.
const config: CodegenConfig = {
  schema: './schema/schema.graphql',
  ignoreNoDocuments: false,
  generates: {
    './examples/consumer/generated/': {
      documents: './schema/operations/*.graphql',
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      // importExtension: NodeNext needs `.js` on the relative imports between the generated files.
      config: { enumsAsTypes: true, useTypeImports: true, importExtension: '.js' },
    },
    './web/explore/generated/': {
      documents: './schema/operations/Explore*.graphql',
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: 'replaceDocumentWithHash', hashPropertyName: 'documentId' },
      },
      config: { enumsAsTypes: true, useTypeImports: true, importExtension: '.js' },
    },
  },
};

export default config;
