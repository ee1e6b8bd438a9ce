// A tiny typed consumer of the API: each function sends one of the example operations in
// schema/operations/ and returns its data typed from the generated documents.
// Run `npm run codegen` first: ./generated/ is git-ignored and written by graphql-codegen (codegen.ts).
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, type GraphQLFormattedError, getOperationAST, print } from 'graphql';
import {
  AgreementTreeDocument,
  type AgreementTreeQueryVariables,
  NodeWithSourcesDocument,
  type NodeWithSourcesQueryVariables,
  PartyOfficialsDocument,
  type PartyOfficialsQueryVariables,
  SearchDocument,
  type SearchQueryVariables,
} from './generated/graphql.js';

/** The server answered, but with GraphQL errors (or no data): the errors as the server sent them. */
export class GraphQLRequestError extends Error {
  constructor(
    readonly operationName: string,
    readonly status: number,
    readonly errors: readonly GraphQLFormattedError[],
  ) {
    super(`${operationName} failed (HTTP ${status}): ${errors.map((e) => e.message).join('; ') || 'no data'}`);
    this.name = 'GraphQLRequestError';
  }
}

interface ExecutionResult<TData> {
  data?: TData | null;
  errors?: GraphQLFormattedError[];
}

export function createConsumer(endpoint: string, fetchImpl: typeof fetch = fetch) {
  const printed = new WeakMap<DocumentNode, { query: string; operationName: string }>();

  /** The document's text and operation name, printed once per document. */
  function source(document: DocumentNode) {
    let entry = printed.get(document);
    if (!entry) {
      entry = { query: print(document), operationName: getOperationAST(document)?.name?.value ?? 'anonymous' };
      printed.set(document, entry);
    }
    return entry;
  }

  /** Sends one typed document over HTTP and returns its data; throws on any GraphQL error. */
  async function execute<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<TData> {
    const { query, operationName } = source(document);
    const response = await fetchImpl(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json;q=0.9',
      },
      body: JSON.stringify({ query, operationName, variables }),
    });
    const type = response.headers.get('content-type') ?? '';
    if (!/json/.test(type)) {
      throw new Error(
        `${operationName}: HTTP ${response.status} ${response.statusText} (${type || 'no content type'})`,
      );
    }
    const result = (await response.json()) as ExecutionResult<TData>;
    if (result.errors?.length || result.data == null) {
      throw new GraphQLRequestError(operationName, response.status, result.errors ?? []);
    }
    return result.data;
  }

  return {
    execute,
    /** The agreement, who took part, and what it commits to. */
    agreementTree: (variables: AgreementTreeQueryVariables = {}) => execute(AgreementTreeDocument, variables),
    /** Parties (optionally of one kind) with their officials and every position those hold. */
    partyOfficials: (variables: PartyOfficialsQueryVariables = {}) => execute(PartyOfficialsDocument, variables),
    /** Any entity by a name in any script. */
    search: (variables: SearchQueryVariables) => execute(SearchDocument, variables),
    /** Any entity by its global ID, with the article text it was taken from. */
    nodeWithSources: (variables: NodeWithSourcesQueryVariables) => execute(NodeWithSourcesDocument, variables),
  };
}

export type Consumer = ReturnType<typeof createConsumer>;
