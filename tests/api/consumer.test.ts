// The example consumer (examples/consumer/client.ts) against the app served over real HTTP.
// Needs the generated documents: run `npm run codegen` first. The typed assignments below make a
// breaking schema change fail `tsc`, not only this test.
import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Consumer, createConsumer, GraphQLRequestError } from '../../examples/consumer/client.js';
import {
  AddSourceDocumentDocument,
  AgreementTreeDocument,
  CommitmentHistoryDocument,
  CreateApiKeyDocument,
  NodeWithSourcesDocument,
  type PartyKind,
  PartyOfficialsDocument,
  RecentRevisionsDocument,
  RevertRevisionDocument,
  RevisionAddedDocument,
  SearchDocument,
  SetCommitmentStatusDocument,
} from '../../examples/consumer/generated/graphql.js';
import { useApp } from '../support/app.js';

const { app } = useApp();
const server = createServer(app);
let consumer: Consumer;
let endpoint: string;

beforeAll(async () => {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  endpoint = `http://127.0.0.1:${port}/graphql`;
  consumer = createConsumer(endpoint);
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
});

describe('the typed example consumer over HTTP', () => {
  it('reads the 2012 agreement and its two signatories', async () => {
    const result = await consumer.agreementTree();
    const year: number = result.agreements.edges[0]!.node.year;
    expect(year).toBe(2012);

    const agreement = result.agreements.edges[0]!.node;
    const signatories = agreement.parties.filter((p) => p.role === 'SIGNATORY');
    expect(agreement.parties).toHaveLength(2);
    expect(signatories.map((p) => p.party.name.en).sort()).toEqual([
      'Hubei Provincial Bureau of Quality and Technical Supervision',
      'Xiangyang City',
    ]);
    const mayor = agreement.participants.find((p) => p.official.name.zhHant === '別必雄');
    expect(mayor?.roles).toContain('SIGNED');
  });

  it('finds Xiangyang City first when searching for "xiangyang"', async () => {
    const result = await consumer.search({ query: 'xiangyang' });
    expect(result.search.totalCount).toBeGreaterThan(1);
    const first = result.search.edges[0]!.node;
    if (first.__typename !== 'Party') throw new Error(`expected a Party first, got ${first.__typename}`);
    const kind: PartyKind = first.kind;
    const en: string | null = first.name.en;
    expect(en).toBe('Xiangyang City');
    expect(first.name.zhHant).toBe('襄陽市');
    expect(kind).toBe('GOVERNMENT');
  });

  it('lists the mayor 別必雄 among the officials of government parties, and his sources by node ID', async () => {
    const result = await consumer.partyOfficials({ kind: 'GOVERNMENT' });
    const parties = result.parties.edges.map((edge) => edge!.node);
    expect(parties.length).toBeGreaterThan(0);
    expect(parties.every((party) => party.kind === 'GOVERNMENT')).toBe(true);

    const officials = parties.flatMap((party) => party.officials.edges.map((edge) => edge!.node));
    const mayor = officials.find((official) => official.name.zhHant === '別必雄');
    expect(mayor).toBeDefined();
    const pinyin: string | null = mayor!.name.pinyin;
    expect(pinyin).toBe('Bié Bìxióng');
    expect(mayor!.positions.map((p) => [p.title.en, p.organization.name.en])).toContainEqual([
      'Mayor',
      'Xiangyang City',
    ]);

    const { node } = await consumer.nodeWithSources({ id: mayor!.id });
    if (node?.__typename !== 'Official') throw new Error(`expected an Official, got ${node?.__typename}`);
    expect(node.id).toBe(mayor!.id);
    expect(node.name.zhHant).toBe('別必雄');
    expect(node.sources.length).toBeGreaterThan(0);
    for (const source of node.sources) {
      const text: string = source.text;
      expect(text.length).toBeGreaterThan(0);
      expect(source.end - source.start).toBe(text.length);
    }
    expect(node.sources.some((source) => source.text.includes('別必雄'))).toBe(true);
  });

  it('throws the server’s GraphQL errors instead of returning data', async () => {
    const broken = parse('query Broken { agreements { edges { node { noSuchField } } } }');
    const error = await consumer.execute(broken, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect((error as GraphQLRequestError).operationName).toBe('Broken');
    expect((error as GraphQLRequestError).errors[0]?.message).toMatch(/noSuchField/);
  });

  it('sends every request through the fetch it is given', async () => {
    const urls: string[] = [];
    const counting = createConsumer(endpoint, (input, init) => {
      urls.push(String(input));
      return fetch(input, init);
    });
    const { search } = await counting.search({ query: '別必雄', first: 1 });
    expect(search.edges[0]?.node.__typename).toBe('Official');
    expect(urls).toEqual([endpoint]);
  });

  it('has every document in persisted-documents.json under the hash it carries', () => {
    const persisted = JSON.parse(
      fs.readFileSync(new URL('../../examples/consumer/generated/persisted-documents.json', import.meta.url), 'utf8'),
    ) as Record<string, string>;
    const documents = [
      AgreementTreeDocument,
      PartyOfficialsDocument,
      SearchDocument,
      NodeWithSourcesDocument,
      CommitmentHistoryDocument,
      RecentRevisionsDocument,
      AddSourceDocumentDocument,
      SetCommitmentStatusDocument,
      RevertRevisionDocument,
      CreateApiKeyDocument,
      RevisionAddedDocument,
    ];
    for (const document of documents) {
      const { hash } = (document as unknown as { __meta__: { hash: string } }).__meta__;
      expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(persisted[hash]).toMatch(/^(query|mutation|subscription) \w+/);
    }
    // The explorer page's documents are trusted too; tests/explore checks them against the page's own.
    const examples = Object.values(persisted).filter((query) => !/\bquery Explore\w+/.test(query));
    expect(examples).toHaveLength(documents.length);
    expect(Object.keys(persisted)).toHaveLength(documents.length + 3);
  });
});
