import fs from 'node:fs';
import { buildSchema, isObjectType, isUnionType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../support/app.js';
import { snapshotTables } from '../support/tables.js';

const adminToken = 'fictional-admin-token-for-tests-0123456789';
const { graphql, db } = useApp({
  auth: { adminToken, jwt: undefined, failuresPerMinute: 100, trustProxy: false },
});
const asAdmin = { authorization: `Bearer ${adminToken}` };

const fictionalText = fs.readFileSync(
  new URL('../support/documents/fictional-test-document/article.txt', import.meta.url),
  'utf8',
);

/** The typed errors a mutation's result union holds, by what the mutation does. */
function resultFields(verb: string) {
  return [
    '__typename ... on Error { message } ... on ValidationError { field } ... on NotFoundError { id }',
    verb === 'create' ? '' : '... on StaleVersionError { currentVersion }',
    verb === 'delete' || verb === 'revert' ? '... on InUseError { references { relation count } }' : '',
  ].join(' ');
}

/** Runs a mutation `name` with `input` as the admin; `selection` picks from its success payload. */
async function mutate(name: string, input: Record<string, unknown>, selection: string, headers = asAdmin) {
  const type = `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  const { body, status } = await graphql(
    `mutation ($input: ${type}Input!) { ${name}(input: $input) { ${resultFields(name.replace(/[A-Z].*/, ''))} ... on ${type}Success { ${selection} } } }`,
    { input },
    headers,
  );
  return { status, errors: body.errors, result: body.data?.[name] };
}

const partySelection =
  'party { id version kind aliases name { zhHant zhHans en pinyin } } revision { id action actor changes reason }';

async function nodeOf(id: string, selection: string) {
  const { body } = await graphql(`query ($id: ID!) { node(id: $id) { id ${selection} } }`, { id });
  return body.data.node;
}

async function revert(revisionId: string) {
  const { body } = await graphql(
    `mutation ($input: RevertRevisionInput!) { revertRevision(input: $input) { ${resultFields('revert')}
      ... on RevertRevisionSuccess { revision { id action changes reverts { id } } } } }`,
    { input: { revisionId } },
    asAdmin,
  );
  return body.data.revertRevision;
}

let documentId: string;

beforeAll(async () => {
  const { body } = await graphql(
    `mutation ($input: AddSourceDocumentInput!) { addSourceDocument(input: $input) {
      ... on AddSourceDocumentSuccess { document { id } } } }`,
    { input: { key: 'fictional-test-document', rawText: fictionalText } },
    asAdmin,
  );
  documentId = body.data.addSourceDocument.document.id;
});

describe('the schema', () => {
  it('has create, update and delete for every entity, one input and a result union with typed errors each', async () => {
    const schema = buildSchema(fs.readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));
    const mutations = schema.getMutationType()?.getFields() ?? {};
    const entities = [
      'Agreement',
      'Commitment',
      'Industry',
      'Official',
      'Participation',
      'Party',
      'Position',
      'RelatedReport',
      'SourceQuote',
      'Target',
    ];
    for (const entity of [...entities, 'SourceDocument']) {
      for (const verb of ['update', 'delete', ...(entity === 'SourceDocument' ? [] : ['create'])]) {
        const field = mutations[`${verb}${entity}`];
        expect(field, `${verb}${entity}`).toBeDefined();
        expect(field?.args.map((arg) => arg.name)).toEqual(['input']);
        const union = schema.getType(`${verb.charAt(0).toUpperCase()}${verb.slice(1)}${entity}Result`);
        expect(isUnionType(union)).toBe(true);
        const members = isUnionType(union) ? union.getTypes().map((type) => type.name) : [];
        expect(members).toContain('ValidationError');
        if (verb !== 'create') expect(members).toEqual(expect.arrayContaining(['NotFoundError', 'StaleVersionError']));
        if (verb === 'delete') expect(members).toContain('InUseError');
        if (verb !== 'create') {
          const input = schema.getType(`${verb.charAt(0).toUpperCase()}${verb.slice(1)}${entity}Input`);
          expect(isObjectType(input)).toBe(false);
          expect(Object.keys((input as { getFields(): object }).getFields())).toEqual(
            expect.arrayContaining(['id', 'expectedVersion', 'reason']),
          );
        }
      }
      const type = schema.getType(entity);
      expect(Object.keys((type as { getFields(): object }).getFields())).toEqual(
        expect.arrayContaining(['version', 'id']),
      );
    }
  });
});

describe('parties', () => {
  it('creates one with derived Simplified and pinyin, attributed in its CREATE revision', async () => {
    const { result } = await mutate(
      'createParty',
      {
        key: 'fictional-test-institute',
        name: { zhHant: '虛構測試研究所', en: 'Fictional Test Institute' },
        kind: 'OTHER',
        reason: 'test',
      },
      partySelection,
    );
    expect(result.__typename).toBe('CreatePartySuccess');
    expect(await db.party.findUniqueOrThrow({ where: { key: 'fictional-test-institute' } })).toMatchObject({
      kind: 'OTHER',
    });
    expect(result.party).toMatchObject({
      version: 1,
      aliases: [],
      name: { zhHant: '虛構測試研究所', zhHans: '虚构测试研究所', en: 'Fictional Test Institute' },
    });
    expect(result.party.name.pinyin).toMatch(/^Xū/);
    expect(result.revision).toMatchObject({ action: 'CREATE', actor: 'admin-token', reason: 'test' });
    expect(result.revision.changes.nameZhHant).toEqual({ before: null, after: '虛構測試研究所' });
  });

  it('is found by search from the moment it is created, under its names and their pinyin initials', async () => {
    const id = await idOfParty('fictional-test-institute');
    for (const query of ['虛構測試', '虚构测试研究所', 'xugou', 'xgcs'])
      expect(await searchIds(query), query).toContain(id);
  });

  it('corrects it against its version, and refuses a stale version, an unknown ID and a change of nothing', async () => {
    const { id } = await nodeOf(await idOfParty('fictional-test-institute'), '');
    const corrected = await mutate(
      'updateParty',
      { id, expectedVersion: 1, aliases: ['虛構所'], name: { zhHant: '虛構測試研究院' } },
      partySelection,
    );
    expect(corrected.result.__typename).toBe('UpdatePartySuccess');
    expect(corrected.result.party).toMatchObject({
      version: 2,
      aliases: ['虛構所'],
      name: { zhHans: '虚构测试研究院', en: null },
    });
    expect(Object.keys(corrected.result.revision.changes).sort()).toEqual(
      ['aliases', 'nameEn', 'namePinyin', 'nameZhHans', 'nameZhHant'].sort(),
    );

    const before = await snapshotTables(db);
    const stale = await mutate('updateParty', { id, expectedVersion: 1, kind: 'GOVERNMENT' }, partySelection);
    expect(stale.result).toMatchObject({ __typename: 'StaleVersionError', currentVersion: 2 });
    const same = await mutate('updateParty', { id, expectedVersion: 2, aliases: ['虛構所'] }, partySelection);
    expect(same.result).toMatchObject({ __typename: 'ValidationError', field: 'input' });
    const empty = await mutate('updateParty', { id, expectedVersion: 2, name: { zhHant: '  ' } }, partySelection);
    expect(empty.result).toMatchObject({ __typename: 'ValidationError', field: 'name.zhHant' });
    const misspelt = await mutate(
      'updateParty',
      { id, expectedVersion: 2, name: { zhHant: '虛構', pinyin: 'Xiangyang' } },
      partySelection,
    );
    expect(misspelt.result).toMatchObject({ __typename: 'ValidationError', field: 'name.pinyin' });
    const long = await mutate(
      'updateParty',
      { id, expectedVersion: 2, name: { zhHant: '虛'.repeat(501) } },
      partySelection,
    );
    expect(long.result).toMatchObject({ __typename: 'ValidationError', field: 'name.zhHant' });
    const gone = await mutate(
      'updateParty',
      { id: 'UGFydHk6OTk5OTk=', expectedVersion: 1, kind: 'OTHER' },
      partySelection,
    );
    expect(gone.result).toMatchObject({ __typename: 'NotFoundError', id: 'UGFydHk6OTk5OTk=' });
    const wrongType = await mutate('updateParty', { id: documentId, expectedVersion: 1 }, partySelection);
    expect(wrongType.result).toMatchObject({ __typename: 'ValidationError', field: 'id' });
    expect(await snapshotTables(db)).toEqual(before);
    const digits = await mutate('createParty', { name: { zhHant: '虛構單位9' }, kind: 'OTHER' }, partySelection);
    expect(digits.result.party.name).toMatchObject({ zhHant: '虛構單位9', pinyin: null });
  });

  it('lets exactly one of ten concurrent writers with one expectedVersion through', async () => {
    const id = await idOfParty('fictional-test-institute');
    const { version } = await nodeOf(id, '... on Party { version }');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        mutate('updateParty', { id, expectedVersion: version, aliases: [`虛構${i}`] }, partySelection),
      ),
    );
    const kinds = results.map(({ result }) => result.__typename).sort();
    expect(kinds.filter((kind) => kind === 'UpdatePartySuccess')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === 'StaleVersionError')).toHaveLength(9);
    expect(await nodeOf(id, '... on Party { version }')).toMatchObject({ version: version + 1 });
  });

  it('refuses to delete a party others refer to, writing nothing, and names what refers to it', async () => {
    const id = await idOfParty('xiangyang-city');
    const before = await snapshotTables(db);
    const { result } = await mutate('deleteParty', { id, expectedVersion: 1 }, 'deletedId');
    expect(result.__typename).toBe('InUseError');
    expect(result.references.map((reference: { relation: string }) => reference.relation)).toEqual(
      expect.arrayContaining(['positions', 'quotes']),
    );
    expect(await snapshotTables(db)).toEqual(before);
  });

  it('deletes an unused one whole into its revision, and reverting brings it back with its ID', async () => {
    const id = await idOfParty('fictional-test-institute');
    const { version } = await nodeOf(id, '... on Party { version }');
    const deleted = await mutate(
      'deleteParty',
      { id, expectedVersion: version, reason: 'fictional' },
      'deletedId revision { id action changes }',
    );
    expect(deleted.result).toMatchObject({
      __typename: 'DeletePartySuccess',
      deletedId: id,
      revision: { action: 'DELETE' },
    });
    expect(deleted.result.revision.changes.key).toEqual({ before: 'fictional-test-institute', after: null });
    expect(await nodeOf(id, '')).toBeNull();
    expect(await searchIds('虛構測試')).not.toContain(id);

    const restored = await revert(deleted.result.revision.id);
    expect(restored).toMatchObject({ __typename: 'RevertRevisionSuccess', revision: { action: 'REVERT' } });
    expect(
      await nodeOf(id, '... on Party { version aliases revisions(first: 1) { edges { node { action } } } }'),
    ).toMatchObject({
      version: version + 1,
      revisions: { edges: [{ node: { action: 'REVERT' } }] },
    });
  });

  it('reverts a correction field by field, and refuses while a later revision changed the same fields', async () => {
    const id = await idOfParty('fictional-test-institute');
    const { version } = await nodeOf(id, '... on Party { version }');
    const first = await mutate(
      'updateParty',
      { id, expectedVersion: version, name: { zhHant: '虛構甲' } },
      partySelection,
    );
    const second = await mutate(
      'updateParty',
      { id, expectedVersion: version + 1, name: { zhHant: '虛構乙' } },
      partySelection,
    );
    expect(await revert(first.result.revision.id)).toMatchObject({ __typename: 'StaleVersionError' });
    expect(await revert(second.result.revision.id)).toMatchObject({ __typename: 'RevertRevisionSuccess' });
    expect(await nodeOf(id, '... on Party { name { zhHant zhHans } }')).toMatchObject({
      name: { zhHant: '虛構甲', zhHans: '虚构甲' },
    });
  });

  it('refuses writes without a token, writing nothing', async () => {
    const before = await snapshotTables(db);
    const { status, errors } = await mutate(
      'createParty',
      { name: { zhHant: '虛構' }, kind: 'OTHER' },
      partySelection,
      {} as typeof asAdmin,
    );
    expect(status).toBe(401);
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await snapshotTables(db)).toEqual(before);
  });
});

describe('the taxonomy', () => {
  it('refuses a parent that would make a cycle, writing nothing', async () => {
    const { body } = await graphql(
      '{ industries(first: 50) { edges { node { id version parent { id } children { id } } } } }',
    );
    const industries = body.data.industries.edges.map((edge: { node: unknown }) => edge.node) as {
      id: string;
      version: number;
      parent: { id: string } | null;
      children: { id: string }[];
    }[];
    const top = industries.find((industry) => industry.parent === null && industry.children.length > 0);
    expect(top).toBeDefined();
    const before = await snapshotTables(db);
    const { result } = await mutate(
      'updateIndustry',
      { id: top?.id, expectedVersion: top?.version, parentId: top?.children[0]?.id },
      'industry { id }',
    );
    expect(result).toMatchObject({ __typename: 'ValidationError', field: 'parentId' });
    expect(await snapshotTables(db)).toEqual(before);
  });

  it('creates a narrower industry under an existing one', async () => {
    const { body } = await graphql('{ industries(first: 1) { edges { node { id } } } }');
    const parentId = body.data.industries.edges[0].node.id;
    const { result } = await mutate(
      'createIndustry',
      { name: { zhHant: '虛構產業' }, parentId },
      'industry { id name { zhHans } parent { id } broader { id } }',
    );
    expect(result.industry).toMatchObject({ name: { zhHans: '虚构产业' }, parent: { id: parentId } });
    expect(result.industry.broader[0].id).toBe(parentId);
  });
});

describe('commitments and quotes', () => {
  it('creates a commitment with its parties and industries, records and reverts a change of them', async () => {
    const { body } = await graphql(
      '{ agreements(first: 1) { edges { node { id } } } parties(first: 2) { edges { node { id } } } }',
    );
    const agreementId = body.data.agreements.edges[0].node.id;
    const [a, b] = body.data.parties.edges.map((edge: { node: { id: string } }) => edge.node.id);
    const created = await mutate(
      'createCommitment',
      { agreementId, position: 99, text: { zhHant: '虛構的承諾' }, committedByIds: [a] },
      'commitment { id version status committedBy { id } } revision { changes }',
    );
    expect(created.result.commitment).toMatchObject({ version: 1, status: 'PLEDGED', committedBy: [{ id: a }] });
    expect(created.result.revision.changes.committedBy.before).toBeNull();

    const id = created.result.commitment.id;
    const changed = await mutate(
      'updateCommitment',
      { id, expectedVersion: 1, committedByIds: [a, b], beneficiaryIds: [b] },
      'commitment { version committedBy { id } beneficiaries { id } } revision { id changes }',
    );
    expect(changed.result.commitment).toMatchObject({
      version: 2,
      committedBy: [{ id: a }, { id: b }],
      beneficiaries: [{ id: b }],
    });
    expect(Object.keys(changed.result.revision.changes).sort()).toEqual(['beneficiaries', 'committedBy']);

    expect(await revert(changed.result.revision.id)).toMatchObject({ __typename: 'RevertRevisionSuccess' });
    expect(await nodeOf(id, '... on Commitment { version committedBy { id } beneficiaries { id } }')).toMatchObject({
      version: 3,
      committedBy: [{ id: a }],
      beneficiaries: [],
    });
    const unknown = await mutate('updateCommitment', { id, expectedVersion: 3, industryIds: [a] }, 'commitment { id }');
    expect(unknown.result).toMatchObject({ __typename: 'ValidationError', field: 'industryIds.0' });
  });

  it('quotes a document for an entity, refuses words the document does not have, and deletes the quote', async () => {
    const sentence = '本文僅供測試使用，所述內容均屬虛構。';
    const start = fictionalText.indexOf(sentence);
    const official = await mutate('createOfficial', { name: { zhHant: '虛構人' } }, 'official { id name { pinyin } }');
    expect(official.result.official.name.pinyin).toBeTruthy();
    const entityId = official.result.official.id;
    const before = await snapshotTables(db);
    const wrong = await mutate(
      'createSourceQuote',
      { documentId, start, end: start + sentence.length, text: '不是這些字', entityId },
      'quote { id }',
    );
    expect(wrong.result).toMatchObject({ __typename: 'ValidationError', field: 'text' });
    const notAnId = await mutate(
      'createSourceQuote',
      { documentId, start, end: start + sentence.length, text: sentence, entityId: 'not an id' },
      'quote { id }',
    );
    expect(notAnId.result).toMatchObject({ __typename: 'ValidationError', field: 'entityId' });
    expect(await snapshotTables(db)).toEqual(before);

    const quoted = await mutate(
      'createSourceQuote',
      { documentId, start, end: start + sentence.length, text: sentence, entityId },
      'quote { id version text document { id } }',
    );
    expect(quoted.result.quote).toMatchObject({ version: 1, text: sentence, document: { id: documentId } });
    expect(await nodeOf(entityId, '... on Official { sources { text } }')).toMatchObject({
      sources: [{ text: sentence }],
    });

    const refused = await mutate('deleteOfficial', { id: entityId, expectedVersion: 1 }, 'deletedId');
    expect(refused.result).toMatchObject({ __typename: 'InUseError', references: [{ relation: 'quotes', count: 1 }] });
    const removed = await mutate('deleteSourceQuote', { id: quoted.result.quote.id, expectedVersion: 1 }, 'deletedId');
    expect(removed.result.__typename).toBe('DeleteSourceQuoteSuccess');
    expect(await nodeOf(entityId, '... on Official { sources { text } }')).toMatchObject({ sources: [] });
  });

  it('corrects a document’s title and URL, and refuses to delete a quoted one', async () => {
    const { version } = await nodeOf(documentId, '... on SourceDocument { version }');
    const { result } = await mutate(
      'updateSourceDocument',
      {
        id: documentId,
        expectedVersion: version,
        title: { zhHant: '虛構測試文件', en: 'A fictional test document' },
        url: 'https://example.invalid/x',
      },
      'document { title { zhHans en } url version }',
    );
    expect(result.document).toMatchObject({
      title: { zhHans: '虚构测试文件', en: 'A fictional test document' },
      url: 'https://example.invalid/x',
      version: version + 1,
    });
    const bad = await mutate(
      'updateSourceDocument',
      { id: documentId, expectedVersion: version + 1, url: 'ftp://x' },
      'document { id }',
    );
    expect(bad.result).toMatchObject({ __typename: 'ValidationError', field: 'url' });
    const article = (await db.sourceDocument.findFirstOrThrow({ where: { key: 'xiangyang-2012' } })).id;
    const read = await nodeOf(
      Buffer.from(`SourceDocument:${article}`).toString('base64'),
      '... on SourceDocument { version }',
    );
    const refused = await mutate('deleteSourceDocument', { id: read.id, expectedVersion: read.version }, 'deletedId');
    expect(refused.result.__typename).toBe('InUseError');
  });
});

describe("an agreement's parties and areas, and a report's industries", () => {
  it('are replaced as lists, recorded whole in revisions, and come back with a reverted delete', async () => {
    const party = await mutate('createParty', { name: { zhHant: '虛構簽約方' }, kind: 'OTHER' }, 'party { id }');
    const partyId = party.result.party.id;
    const selection = 'agreement { id version parties { role party { id } } cooperationAreas { zhHant zhHans } }';
    const created = await mutate(
      'createAgreement',
      {
        title: { zhHant: '虛構協議' },
        year: 2013,
        parties: [{ partyId, role: 'SIGNATORY' }],
        cooperationAreas: [{ zhHant: '虛構領域甲' }, { zhHant: '虛構領域乙' }],
      },
      `${selection} revision { changes }`,
    );
    expect(created.result.agreement).toMatchObject({
      parties: [{ role: 'SIGNATORY', party: { id: partyId } }],
      cooperationAreas: [{ zhHans: '虚构领域甲' }, { zhHans: '虚构领域乙' }],
    });
    const id = created.result.agreement.id;
    const twice = await mutate(
      'updateAgreement',
      {
        id,
        expectedVersion: 1,
        parties: [
          { partyId, role: 'SIGNATORY' },
          { partyId, role: 'SIGNATORY' },
        ],
      },
      selection,
    );
    expect(twice.result).toMatchObject({ __typename: 'ValidationError', field: 'parties.1' });
    const emptied = await mutate(
      'updateAgreement',
      { id, expectedVersion: 1, parties: [], cooperationAreas: [] },
      `${selection} revision { id changes }`,
    );
    expect(emptied.result.agreement).toMatchObject({ version: 2, parties: [], cooperationAreas: [] });
    expect(Object.keys(emptied.result.revision.changes).sort()).toEqual(['cooperationAreas', 'parties']);
    expect(await revert(emptied.result.revision.id)).toMatchObject({ __typename: 'RevertRevisionSuccess' });
    expect(await nodeOf(id, `... on Agreement { parties { role } cooperationAreas { zhHant } }`)).toMatchObject({
      parties: [{ role: 'SIGNATORY' }],
      cooperationAreas: [{ zhHant: '虛構領域甲' }, { zhHant: '虛構領域乙' }],
    });

    const deleted = await mutate('deleteAgreement', { id, expectedVersion: 3 }, 'deletedId revision { id }');
    expect(deleted.result.__typename).toBe('DeleteAgreementSuccess');
    expect(await revert(deleted.result.revision.id)).toMatchObject({ __typename: 'RevertRevisionSuccess' });
    expect(
      await nodeOf(id, `... on Agreement { version parties { party { id } } cooperationAreas { zhHant } }`),
    ).toMatchObject({
      version: 4,
      parties: [{ party: { id: partyId } }],
      cooperationAreas: [{ zhHant: '虛構領域甲' }, { zhHant: '虛構領域乙' }],
    });
  });

  it('lists a report under industries, and an industry with reports is in use', async () => {
    const industry = await mutate('createIndustry', { name: { zhHant: '虛構行業' } }, 'industry { id }');
    const industryId = industry.result.industry.id;
    const report = await mutate(
      'createRelatedReport',
      { position: 90, title: { zhHant: '虛構報告' }, industryIds: [industryId, industryId] },
      'relatedReport { id industries { id } }',
    );
    expect(report.result.relatedReport.industries).toEqual([{ id: industryId }]);
    const inUse = await mutate('deleteIndustry', { id: industryId, expectedVersion: 1 }, 'deletedId');
    expect(inUse.result).toMatchObject({
      __typename: 'InUseError',
      references: [{ relation: 'relatedReports', count: 1 }],
    });
    const moved = await mutate(
      'updateRelatedReport',
      { id: report.result.relatedReport.id, expectedVersion: 1, industryIds: [] },
      'relatedReport { industries { id } }',
    );
    expect(moved.result.relatedReport.industries).toEqual([]);
    const deleted = await mutate('deleteIndustry', { id: industryId, expectedVersion: 1 }, 'deletedId');
    expect(deleted.result.__typename).toBe('DeleteIndustrySuccess');
  });
});

describe('the parts of entities: positions, participations, targets', () => {
  it('gives a fictional official a position and a part in the agreement, refusing duplicates and empty roles', async () => {
    const official = await mutate('createOfficial', { name: { zhHant: '虛構官員' } }, 'official { id }');
    const officialId = official.result.official.id;
    const organizationId = await idOfParty('xiangyang-city');
    const position = { officialId, organizationId, rank: 0, title: { zhHant: '虛構職務' } };
    const held = await mutate(
      'createPosition',
      position,
      'position { id version title { zhHans } organization { id } }',
    );
    expect(held.result.position).toMatchObject({
      version: 1,
      title: { zhHans: '虚构职务' },
      organization: { id: organizationId },
    });
    const twice = await mutate('createPosition', position, 'position { id }');
    expect(twice.result).toMatchObject({ __typename: 'ValidationError', field: 'titleZhHant' });
    expect(await nodeOf(officialId, '... on Official { positions { id } }')).toMatchObject({
      positions: [{ id: held.result.position.id }],
    });

    const { body } = await graphql('{ agreements(first: 1) { edges { node { id } } } }');
    const agreementId = body.data.agreements.edges[0].node.id;
    const none = await mutate('createParticipation', { agreementId, officialId, roles: [] }, 'participation { id }');
    expect(none.result).toMatchObject({ __typename: 'ValidationError', field: 'roles' });
    const part = await mutate(
      'createParticipation',
      { agreementId, officialId, roles: ['ATTENDED', 'ATTENDED'] },
      'participation { id roles capacity { zhHant } official { id } }',
    );
    expect(part.result.participation).toMatchObject({
      roles: ['ATTENDED'],
      capacity: null,
      official: { id: officialId },
    });
    const refused = await mutate('deleteOfficial', { id: officialId, expectedVersion: 1 }, 'deletedId');
    expect(refused.result.references.map((r: { relation: string }) => r.relation).sort()).toEqual([
      'participations',
      'positions',
    ]);
  });

  it('sets a target on a commitment, with an exact quantity', async () => {
    const commitment = (await db.commitment.findFirstOrThrow({ orderBy: { id: 'asc' } })).id;
    const commitmentId = Buffer.from(`Commitment:${commitment}`).toString('base64');
    const target = {
      commitmentId,
      position: 50,
      quantity: '12.5',
      unit: { zhHant: '項' },
      description: { zhHant: '虛構的目標' },
    };
    const bad = await mutate('createTarget', { ...target, quantity: '1e3' }, 'target { id }');
    expect(bad.result).toMatchObject({ __typename: 'ValidationError', field: 'quantity' });
    const set = await mutate('createTarget', target, 'target { id quantity unit { zhHans } }');
    expect(set.result.target).toMatchObject({ quantity: 12.5, unit: { zhHans: '项' } });
    const again = await mutate('createTarget', target, 'target { id }');
    expect(again.result).toMatchObject({ __typename: 'ValidationError', field: 'position' });
    const removed = await mutate('deleteTarget', { id: set.result.target.id, expectedVersion: 1 }, 'deletedId');
    expect(removed.result.__typename).toBe('DeleteTargetSuccess');
  });
});

async function idOfParty(key: string) {
  const row = await db.party.findUniqueOrThrow({ where: { key } });
  return Buffer.from(`Party:${row.id}`).toString('base64');
}

async function searchIds(query: string): Promise<string[]> {
  const { body } = await graphql(
    'query ($q: String!) { search(query: $q, first: 20) { edges { node { ... on Node { id } } } } }',
    {
      q: query,
    },
  );
  return body.data.search.edges.map((edge: { node: { id: string } }) => edge.node.id);
}
