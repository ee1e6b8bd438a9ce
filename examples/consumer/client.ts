// A tiny typed consumer of the API: @urql/core sends the example operations of schema/operations/
// as the typed documents graphql-codegen generates from them (`npm run codegen`; ./generated/ is
// git-ignored), so every result is typed by the published schema.
import { type AnyVariables, Client, fetchExchange, type TypedDocumentNode } from '@urql/core';
import { type GraphQLError, getOperationAST } from 'graphql';
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

/** The request failed: the GraphQL errors the server sent, or the network error. */
export class GraphQLRequestError extends Error {
  constructor(
    readonly operationName: string,
    message: string,
    readonly errors: readonly GraphQLError[],
  ) {
    super(`${operationName}: ${message}`);
    this.name = 'GraphQLRequestError';
  }
}

export function createConsumer(endpoint: string, fetchImpl: typeof fetch = fetch) {
  const client = new Client({
    url: endpoint,
    fetch: fetchImpl,
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'network-only',
  });

  /** Sends one typed document and returns its data; throws on any GraphQL or network error. */
  async function execute<TData, TVariables extends AnyVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<TData> {
    const { data, error } = await client.query(document, variables).toPromise();
    if (error || data == null) {
      const operationName = getOperationAST(document)?.name?.value ?? 'anonymous';
      throw new GraphQLRequestError(operationName, error?.message ?? 'no data', error?.graphQLErrors ?? []);
    }
    return data;
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
