import fs from 'node:fs';
import path from 'node:path';
import type { HttpRequest } from './types.js';

const documents = new Map<string, string>();

/** An operation's document, read once: requests are built per input, hundreds of times per run. */
export function readOperation(dir: string, operation: string): string {
  const file = path.join(dir, `${operation}.graphql`);
  let document = documents.get(file);
  if (document === undefined) {
    document = fs.readFileSync(file, 'utf8');
    documents.set(file, document);
  }
  return document;
}

export function graphqlRequest(query: string, variables: Record<string, unknown>, pathname = '/graphql'): HttpRequest {
  return {
    method: 'POST',
    path: pathname,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  };
}

/** The same operation as a GET, as a CDN or browser can cache and revalidate it. */
export function graphqlGetRequest(
  query: string,
  variables: Record<string, unknown>,
  pathname = '/graphql',
): HttpRequest {
  const search = new URLSearchParams({ query, variables: JSON.stringify(variables) });
  return {
    method: 'GET',
    path: `${pathname}?${search}`,
    headers: { accept: 'application/json', 'x-graphql-yoga-csrf': 'bench' },
  };
}

/** The `data` of a GraphQL response; throws on errors so the correctness gate stops. */
export function graphqlData(body: unknown): unknown {
  const response = body as { data?: unknown; errors?: unknown[] };
  if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors).slice(0, 500)}`);
  if (response.data === undefined) throw new Error(`no data in ${JSON.stringify(body).slice(0, 200)}`);
  return response.data;
}
