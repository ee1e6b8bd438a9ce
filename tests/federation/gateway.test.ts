import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphFile } from '../../scripts/breaking-changes.js';
import { apiConfig, useApp } from '../support/app.js';
import { EventReader, listening } from '../support/feed.js';

const adminToken = 'fictional-admin-token-for-tests-0123456789';
const gatewayToken = 'fictional-gateway-token-for-tests-0123456789';
// Served as in production: trusted documents only, but for the gateway's token.
const config = apiConfig({
  trustedDocumentsOnly: true,
  auth: { adminToken, gatewayToken, jwt: undefined, failuresPerMinute: 100, trustProxy: false },
});
const { app, graphql, database } = useApp(config);
const asAdmin = { authorization: `Bearer ${adminToken}` };

/** A fictional second subgraph: reviews of the agreement and its commitments, kept in memory by the test. */
const reviewsSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
  type Agreement @key(fields: "id") { id: ID! reviews: [Review!]! }
  type Commitment @key(fields: "id") { id: ID! }
  type Review { stars: Int! comment: String! agreement: Agreement! commitment: Commitment! }
  type Query { reviews(first: Int!): [Review!]! }
`;
interface Review {
  stars: number;
  comment: string;
  agreementId: string;
  commitmentId: string;
}
const reviews: Review[] = [];
const reviewsSubgraph = createYoga({
  logging: false,
  schema: buildSubgraphSchema({
    typeDefs: parse(reviewsSdl),
    resolvers: {
      Query: { reviews: (_root: unknown, { first }: { first: number }) => reviews.slice(0, first) },
      Agreement: { reviews: ({ id }: { id: string }) => reviews.filter((review) => review.agreementId === id) },
      Review: {
        agreement: (review: Review) => ({ id: review.agreementId }),
        commitment: (review: Review) => ({ id: review.commitmentId }),
      },
    },
  }),
});

const servers: { close(): Promise<unknown> }[] = [];
let gateway: ReturnType<typeof createGatewayRuntime>;
let expected: { agreement: { id: string; year: number }; commitments: { id: string; text: { en: string } }[] };

async function served(handler: http.RequestListener) {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ close: () => new Promise((resolve) => server.close(resolve)) });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

beforeAll(async () => {
  const ours = await listening(app, config);
  servers.push(ours);
  const { body } = await graphql(
    '{ agreements(first: 1) { edges { node { id year } } } commitments(first: 5) { edges { node { id text { en } } } } }',
    undefined,
    { 'gateway-authorization': `Bearer ${gatewayToken}` },
  );
  expected = {
    agreement: body.data?.agreements.edges[0].node,
    commitments: body.data?.commitments.edges.map((edge: { node: unknown }) => edge.node),
  };
  expected.commitments.forEach((commitment, i) => {
    reviews.push({
      stars: i + 1,
      comment: `Fictional review ${i + 1}`,
      agreementId: expected.agreement.id,
      commitmentId: commitment.id,
    });
  });
  const composed = composeServices([
    {
      name: 'xiangyang',
      typeDefs: parse(fs.readFileSync(subgraphFile, 'utf8')),
      url: `http://127.0.0.1:${ours.port}/graphql`,
    },
    { name: 'reviews', typeDefs: parse(reviewsSdl), url: await served(reviewsSubgraph) },
  ]);
  expect(composed.errors ?? []).toEqual([]);
  // The gateway's logger refuses pino's `silent`, which the test runner sets; it logs nothing all the same.
  process.env.LOG_LEVEL = 'error';
  gateway = createGatewayRuntime({
    supergraph: composed.supergraphSdl as string,
    logging: false,
    transportEntries: {
      // Subscriptions go over GET with server-sent events, which the CSRF check lets through with its header.
      xiangyang: {
        headers: [
          ['gateway-authorization', `Bearer ${gatewayToken}`],
          ['x-graphql-yoga-csrf', 'gateway'],
        ],
      },
    },
    // The client's own token travels on to our subgraph, which decides what it may do.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
    },
  });
});

afterAll(async () => {
  await gateway?.dispose();
  for (const server of servers.reverse()) await server.close();
  await app.dispose();
});

async function throughGateway(query: string, headers: Record<string, string> = {}) {
  const response = await gateway.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

describe('the API as a subgraph behind Hive Gateway', () => {
  it('answers a query that spans both subgraphs, each side resolving the other’s references', async () => {
    const answer = await throughGateway(`{
      agreements(first: 1) { edges { node { id year reviews { stars comment } } } }
      reviews(first: 5) { stars agreement { year } commitment { id text { en } } }
    }`);
    expect(answer).toEqual({
      data: {
        agreements: {
          edges: [
            {
              node: {
                ...expected.agreement,
                reviews: reviews.map(({ stars, comment }) => ({ stars, comment })),
              },
            },
          ],
        },
        reviews: expected.commitments.map((commitment, i) => ({
          stars: i + 1,
          agreement: { year: expected.agreement.year },
          commitment,
        })),
      },
    });
  });

  it('resolves the references of one type in one statement, for one or for many', async () => {
    const sent = async (first: number) => {
      const sql: string[] = [];
      const listener = (text: string) => void sql.push(text);
      database.statementListeners.add(listener);
      try {
        const answer = await throughGateway(`{ reviews(first: ${first}) { commitment { id status text { en } } } }`);
        expect(answer.data?.reviews).toHaveLength(first);
      } finally {
        database.statementListeners.delete(listener);
      }
      return sql;
    };
    expect(await sent(1)).toHaveLength(1);
    expect(await sent(5)).toHaveLength(1);
  });

  it('refuses the gateway’s documents without its token, where only trusted documents are accepted', async () => {
    const response = await app.fetch('http://api.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'gateway-authorization': 'Bearer not-the-gateway-token' },
      body: JSON.stringify({ query: '{ _entities(representations: []) { __typename } }' }),
    });
    const body = await response.json();
    expect(body.errors.map((error: { extensions: { code: string } }) => error.extensions.code)).toEqual([
      'PERSISTED_QUERY_ONLY',
    ]);
  });

  it('keeps the names of the gateway’s operations out of the metrics’ labels', async () => {
    await app.fetch('http://api.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'gateway-authorization': `Bearer ${gatewayToken}` },
      body: JSON.stringify({ query: 'query NamedByAClient { agreements { totalCount } }' }),
    });
    const text = await (await app.fetch('http://api.test/metrics')).text();
    expect(text).toMatch(/^graphql_envelop_request(\{[^}]*\})? [1-9]/m);
    expect(text).not.toMatch(/operationName=/);
  });

  it('forwards revisionAdded to this subgraph and streams its events to the gateway’s client', async () => {
    const response = await gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { revisionAdded { id action entityId } }' }),
    });
    expect(response.status).toBe(200);
    const reader = new EventReader(response.body as ReadableStream<Uint8Array>);
    // The subscription reaches our subgraph before the write, or the revision would come before it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const added = await app.fetch('http://api.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'gateway-authorization': `Bearer ${gatewayToken}`, ...asAdmin },
      body: JSON.stringify({
        query: `mutation { addSourceDocument(input: { key: "fictional-federation-document", rawText: "虛構的聯邦測試文件。" }) {
          ... on AddSourceDocumentSuccess { document { id } revision { id } } } }`,
      }),
    });
    const { document, revision } = (await added.json()).data.addSourceDocument;
    const [event] = await reader.take(1);
    expect(event?.data?.revisionAdded).toEqual({ id: revision.id, action: 'CREATE', entityId: document.id });
    await reader.cancel();
  });
});
