import type { Db } from '../data/client.js';
import { delegateOf } from '../data/editing.js';
import { replaceSearchTerms, type SearchRow, searchTermsOf, searchTypes } from '../data/search-terms.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { SearchEntityType } from '../generated/prisma/enums.js';
import { type LocalizedColumns, localize } from '../text/convert.js';
import type { CuratedQuote } from './curated.js';
import { readSourceFolders, SeedDataError, type SourceFolder } from './documents.js';
import { type Conflict, IngestHistory } from './history.js';
import { resolveQuote, validateCurated } from './validate.js';

type Tx = Prisma.TransactionClient;
type EntityColumn =
  | 'agreementId'
  | 'partyId'
  | 'officialId'
  | 'participationId'
  | 'commitmentId'
  | 'industryId'
  | 'relatedReportId';

function refs(keys: Map<string, number>, wanted: string[], where: string): number[] {
  return wanted.map((k) => {
    const id = keys.get(k);
    if (id === undefined) throw new SeedDataError(`${where}: unknown key ${k}`);
    return id;
  });
}

function columns<F extends string>(field: F, c: LocalizedColumns, withPinyin = false) {
  const out: Record<string, string | null> = {
    [`${field}ZhHant`]: c.zhHant,
    [`${field}ZhHans`]: c.zhHans,
    [`${field}En`]: c.en,
  };
  if (withPinyin) out[`${field}Pinyin`] = c.pinyin;
  return out as Record<`${F}ZhHant` | `${F}ZhHans`, string> & Record<`${F}En`, string | null>;
}

export interface SeedSummary {
  /** The document's key. */
  document: string;
  parties: number;
  officials: number;
  industries: number;
  commitments: number;
  relatedReports: number;
  quotes: number;
  searchTerms: number;
  /** Rows an earlier seeding of the document wrote that its data no longer holds, and no other document does. */
  removed: number;
  /** Facts a curator changed through the API that the data holds otherwise. */
  conflicts: Conflict[];
}

interface QuoteRow {
  key: string;
  column: EntityColumn;
  entityId: number;
  quote: CuratedQuote;
}

const keyed = searchTypes;
type KeyedModel = keyof typeof keyed;

const links = ['committedBy', 'beneficiaries', 'industries'] as const;

/** Rows recorded by id: the parts of an entity that have no natural key of their own. */
const partModels = new Set(['Target', 'CooperationArea', 'Participation', 'Position']);

/**
 * Deletes rows of `model` by the identities seeding recorded: links before the rows they join,
 * parts before their wholes (the foreign keys cascade the rest), with the search terms of deleted entities.
 */
async function deleteRows(tx: Tx, history: IngestHistory, documentId: number, model: string, rows: string[]) {
  const ids = rows.map(Number);
  const pairs = rows.map((row) => row.split(':').map(Number) as [number, number]);
  const [owner, link] = model.split('.') as [string, (typeof links)[number] | undefined];
  if (owner === 'Commitment' && link) {
    for (const commitmentId of new Set(pairs.map(([commitmentId]) => commitmentId))) {
      const disconnect = pairs.filter(([owner]) => owner === commitmentId).map(([, other]) => other);
      await history.relink('Commitment', commitmentId, { [link]: { disconnect } });
    }
    return;
  }
  switch (model) {
    case 'SourceQuote':
      await history.deleting('SourceQuote', { documentId, key: { in: rows } });
      await tx.sourceQuote.deleteMany({ where: { documentId, key: { in: rows } } });
      return;
    case 'IndustryReport':
      await tx.industryReport.deleteMany({
        where: { OR: pairs.map(([industryId, reportId]) => ({ industryId, reportId })) },
      });
      return;
    case 'AgreementParty':
      await tx.agreementParty.deleteMany({
        where: { OR: pairs.map(([agreementId, partyId]) => ({ agreementId, partyId, role: 'SIGNATORY' as const })) },
      });
      return;
  }
  if (partModels.has(model)) {
    await history.deleting(model, { id: { in: ids } });
    await delegateOf(tx, model).deleteMany({ where: { id: { in: ids } } });
    return;
  }
  if (!(model in keyed)) throw new Error(`seeding recorded rows of an unknown model ${model}`);
  const delegate = delegateOf(tx, model);
  const found = await delegate.findMany({ where: { key: { in: rows } }, select: { id: true } });
  await history.deleting(model, { key: { in: rows } });
  await delegate.deleteMany({ where: { key: { in: rows } } });
  const ofRemoved = { entityType: keyed[model as KeyedModel], entityId: { in: found.map((row) => row.id) } };
  await tx.searchTerm.deleteMany({ where: ofRemoved });
  await tx.searchGram.deleteMany({ where: ofRemoved });
}

/** The order rows are deleted in: links and parts first. */
const deletionOrder = [
  'SourceQuote',
  ...links.map((link) => `Commitment.${link}`),
  'IndustryReport',
  'AgreementParty',
  ...partModels,
  ...Object.keys(keyed),
];

/**
 * Writes one document's curated graph in one transaction, after checking all of it. Rows are matched
 * by natural key, so an entity that several documents name is one row that keeps every document's
 * quotes, a second run changes nothing, and a run after a data fix updates rows in place. Seeding
 * records each row it writes; rows an earlier run of this document wrote that its data no longer holds
 * are deleted unless another document's seeding wrote them too. Rows written any other way are never touched.
 */
export async function seedDocument(
  db: Db,
  folder: SourceFolder,
  options: { preferData?: boolean } = {},
): Promise<SeedSummary> {
  const data = validateCurated(folder);
  return db.$transaction(
    async (tx) => {
      const history = new IngestHistory(tx, `ingest:${folder.key}`, options.preferData ?? false);
      const quotes: QuoteRow[] = [];
      const search: SearchRow[] = [];
      const entities = new Map<SearchEntityType, number[]>();
      const written = new Map<string, Set<string>>();
      const record = (model: string, row: string | number) => {
        const rows = written.get(model) ?? new Set<string>();
        written.set(model, rows.add(String(row)));
      };
      const entity = (model: KeyedModel, key: string, id: number, terms: SearchRow[]) => {
        record(model, key);
        const type = keyed[model];
        entities.set(type, [...(entities.get(type) ?? []), id]);
        search.push(...terms);
      };
      const quote = (prefix: string, column: EntityColumn, entityId: number, list: CuratedQuote[]) => {
        for (const [i, q] of list.entries()) quotes.push({ key: `${prefix}:${i}`, column, entityId, quote: q });
      };

      const docData = {
        ...columns('title', localize(data.document.title)),
        rawText: folder.rawText,
        text: folder.text,
        commentCount: data.document.commentCount,
      };
      const document = await history.upsert(
        'SourceDocument',
        { key: data.document.key },
        { key: data.document.key, ...docData },
        docData,
      );
      const before = await tx.seededRow.findMany({ where: { documentId: document.id } });

      const partyIds = new Map<string, number>();
      for (const p of data.parties) {
        const name = localize(p.name, 'place');
        const row = { ...columns('name', name, true), aliases: p.aliases, kind: p.kind };
        const party = await history.upsert('Party', { key: p.key }, { key: p.key, ...row }, row);
        const { id } = party;
        partyIds.set(p.key, id);
        quote(`party:${p.key}`, 'partyId', id, p.quotes);
        entity('Party', p.key, id, searchTermsOf('Party', party));
      }
      const [publisherId] = refs(partyIds, [data.document.publisher], 'document.publisher');
      await history.upsert('SourceDocument', { id: document.id }, {}, { publisherId });

      const officialIds = new Map<string, number>();
      for (const o of data.officials) {
        const name = localize(o.name, 'person');
        const row = columns('name', name, true);
        const official = await history.upsert('Official', { key: o.key }, { key: o.key, ...row }, row);
        const { id } = official;
        officialIds.set(o.key, id);
        quote(`official:${o.key}`, 'officialId', id, o.quotes);
        entity('Official', o.key, id, searchTermsOf('Official', official));
        for (const [rank, position] of o.positions.entries()) {
          const [organizationId] = refs(partyIds, [position.organization], `official ${o.key}`) as [number];
          const title = columns('title', localize(position.title));
          const { id: positionId } = await history.upsert(
            'Position',
            {
              officialId_organizationId_titleZhHant: { officialId: id, organizationId, titleZhHant: title.titleZhHant },
            },
            { officialId: id, organizationId, rank, ...title },
            { rank, ...title },
          );
          record('Position', positionId);
        }
      }

      const industryIds = new Map<string, number>();
      for (const i of data.industries) {
        const name = localize(i.name);
        const row = columns('name', name);
        const industry = await history.upsert('Industry', { key: i.key }, { key: i.key, ...row }, row);
        const { id } = industry;
        industryIds.set(i.key, id);
        quote(`industry:${i.key}`, 'industryId', id, i.quotes);
        entity('Industry', i.key, id, searchTermsOf('Industry', industry));
      }
      for (const i of data.industries) {
        const parentId = i.parent ? refs(industryIds, [i.parent], `industry ${i.key}`)[0] : null;
        await history.upsert('Industry', { key: i.key }, {}, { parentId });
      }

      const a = data.agreement;
      if (a) {
        const agreementTitle = localize(a.title);
        const agreementRow = { ...columns('title', agreementTitle), year: a.year };
        const agreement = await history.upsert(
          'Agreement',
          { key: a.key },
          { key: a.key, ...agreementRow },
          agreementRow,
        );
        quote(`agreement:${a.key}`, 'agreementId', agreement.id, a.quotes);
        entity('Agreement', a.key, agreement.id, searchTermsOf('Agreement', agreement));
        for (const [position, area] of a.cooperationAreas.entries()) {
          const name = columns('name', localize(area));
          const { id } = await history.upsert(
            'CooperationArea',
            { agreementId_position: { agreementId: agreement.id, position } },
            { agreementId: agreement.id, position, ...name },
            name,
          );
          record('CooperationArea', id);
        }
        const signatoryIds = refs(partyIds, a.signatories, 'agreement.signatories');
        await tx.agreementParty.createMany({
          data: signatoryIds.map((partyId) => ({ agreementId: agreement.id, partyId, role: 'SIGNATORY' as const })),
          skipDuplicates: true,
        });
        for (const partyId of signatoryIds) record('AgreementParty', `${agreement.id}:${partyId}`);
        for (const p of a.participants) {
          const [officialId] = refs(officialIds, [p.official], 'agreement.participants') as [number];
          const capacity = p.capacity
            ? columns('capacity', localize(p.capacity))
            : { capacityZhHant: null, capacityZhHans: null, capacityEn: null };
          const row = { roles: p.roles, ...capacity };
          const { id } = await history.upsert(
            'Participation',
            { agreementId_officialId: { agreementId: agreement.id, officialId } },
            { agreementId: agreement.id, officialId, ...row },
            row,
          );
          record('Participation', id);
          quote(`participation:${a.key}:${p.official}`, 'participationId', id, p.quotes);
        }

        for (const [position, c] of data.commitments.entries()) {
          const text = localize(c.text);
          const linked = {
            committedBy: refs(partyIds, c.committedBy, c.key),
            beneficiaries: refs(partyIds, c.beneficiaries, c.key),
            industries: refs(industryIds, c.industries, c.key),
          };
          const row = { agreementId: agreement.id, position, status: c.status, ...columns('text', text) };
          const commitment = await history.upsert('Commitment', { key: c.key }, { key: c.key, ...row }, row, linked);
          const { id } = commitment;
          for (const link of links) for (const other of linked[link]) record(`Commitment.${link}`, `${id}:${other}`);
          quote(`commitment:${c.key}`, 'commitmentId', id, c.quotes);
          entity('Commitment', c.key, id, searchTermsOf('Commitment', commitment));
          for (const [targetPosition, t] of c.targets.entries()) {
            const target = {
              quantity: t.quantity,
              ...columns('unit', localize(t.unit)),
              ...columns('description', localize(t.description)),
            };
            const { id: targetId } = await history.upsert(
              'Target',
              { commitmentId_position: { commitmentId: id, position: targetPosition } },
              { commitmentId: id, position: targetPosition, ...target },
              target,
            );
            record('Target', targetId);
          }
        }
      }

      for (const [position, r] of data.relatedReports.entries()) {
        const title = localize(r.title);
        const author = r.author ? localize(r.author, 'person') : null;
        const row = {
          position,
          ...columns('title', title),
          authorZhHant: author?.zhHant ?? null,
          authorZhHans: author?.zhHans ?? null,
          authorEn: author?.en ?? null,
          authorPinyin: author?.pinyin ?? null,
          authorDamaged: r.authorDamaged ?? false,
          publisherId: r.publisher ? (refs(partyIds, [r.publisher], r.key)[0] ?? null) : null,
          year: r.year ?? null,
          ...(r.region
            ? columns('region', localize(r.region))
            : { regionZhHant: null, regionZhHans: null, regionEn: null }),
          marketSizeAmount: r.marketSize?.amount ?? null,
          marketSizeCurrency: r.marketSize?.currency ?? null,
          marketSizeText: r.marketSize?.text ?? null,
          excerpt: r.excerpt ?? null,
        };
        const report = await history.upsert('RelatedReport', { key: r.key }, { key: r.key, ...row }, row);
        const { id } = report;
        const industries = refs(industryIds, r.industries, r.key);
        await tx.industryReport.createMany({
          data: industries.map((industryId) => ({ industryId, reportId: id, reportPosition: position })),
          skipDuplicates: true,
        });
        for (const industryId of industries) record('IndustryReport', `${industryId}:${id}`);
        quote(`relatedReport:${r.key}`, 'relatedReportId', id, r.quotes);
        entity('RelatedReport', r.key, id, searchTermsOf('RelatedReport', report));
      }

      for (const q of quotes) {
        const span = resolveQuote(folder.text, q.quote, q.key);
        const row = { ...span, [q.column]: q.entityId };
        await history.upsert(
          'SourceQuote',
          { documentId_key: { documentId: document.id, key: q.key } },
          { documentId: document.id, key: q.key, ...row },
          row,
        );
        record('SourceQuote', q.key);
      }

      const gone = before.filter((row) => !written.get(row.model)?.has(row.row));
      // A quote is its document's own; any other row may have been written by another document's seeding too.
      const mayBeShared = gone.filter((row) => row.model !== 'SourceQuote');
      const sharedWith = mayBeShared.length
        ? await tx.seededRow.findMany({
            where: { documentId: { not: document.id }, OR: mayBeShared.map(({ model, row }) => ({ model, row })) },
          })
        : [];
      const shared = new Set(sharedWith.map(({ model, row }) => `${model} ${row}`));
      let removed = 0;
      for (const model of deletionOrder) {
        const rows = gone.filter((row) => row.model === model && !shared.has(`${model} ${row.row}`)).map((r) => r.row);
        if (!rows.length) continue;
        await deleteRows(tx, history, document.id, model, rows);
        removed += rows.length;
      }
      if (gone.length)
        await tx.seededRow.deleteMany({
          where: { documentId: document.id, OR: gone.map(({ model, row }) => ({ model, row })) },
        });
      await tx.seededRow.createMany({
        data: [...written].flatMap(([model, rows]) =>
          [...rows].map((row) => ({ documentId: document.id, model, row })),
        ),
        skipDuplicates: true,
      });
      await replaceSearchTerms(tx, search, entities);
      return {
        document: folder.key,
        parties: partyIds.size,
        officials: officialIds.size,
        industries: industryIds.size,
        commitments: data.commitments.length,
        relatedReports: data.relatedReports.length,
        quotes: quotes.length,
        searchTerms: search.length,
        removed,
        conflicts: history.conflicts,
      };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}

export async function seedDocuments(db: Db, folders: SourceFolder[] = readSourceFolders()): Promise<SeedSummary[]> {
  const summaries: SeedSummary[] = [];
  for (const folder of folders) summaries.push(await seedDocument(db, folder));
  return summaries;
}
