import fs from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLParams } from 'graphql-yoga';
import { ConfigError } from '../config.js';

/** The operations codegen registered for consumers (persisted-documents.json), by hash without its prefix. */
export function loadTrustedDocuments(file: string, required: boolean): Map<string, string> {
  if (!fs.existsSync(file)) {
    if (required) {
      throw new ConfigError(
        `${file} is missing: run npm run codegen, or set TRUSTED_DOCUMENTS_FILE, before serving trusted documents only.`,
      );
    }
    return new Map();
  }
  const documents = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  return new Map(Object.entries(documents).map(([hash, query]) => [hash.replace(/^sha256:/, ''), query]));
}

/** The hash a client sends: `documentId` (trusted documents) or Apollo's `persistedQuery.sha256Hash`. */
function operationId(params: GraphQLParams & { documentId?: unknown }): string | null {
  const persisted = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
  const id = typeof params.documentId === 'string' ? params.documentId : persisted;
  return typeof id === 'string' ? id.replace(/^sha256:/, '') : null;
}

/** Serves registered operations by hash; with `only`, refuses any other document but from requests `exempt` names. */
export function useTrustedDocuments(
  documents: Map<string, string>,
  only: boolean,
  exempt: (request: Request) => boolean = () => false,
) {
  return usePersistedOperations({
    allowArbitraryOperations: only ? exempt : true,
    extractPersistedOperationId: operationId,
    getPersistedOperation: (id) => documents.get(id) ?? null,
    customErrors: {
      keyNotFound: {
        message: 'Send a query, or the documentId of a trusted document.',
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      },
      notFound: {
        message: 'This operation is not registered: send the documentId of a trusted document.',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
      },
      persistedQueryOnly: {
        message: 'Only registered operations are accepted here: send a documentId instead of a query.',
        extensions: { code: 'PERSISTED_QUERY_ONLY' },
      },
    },
  });
}
