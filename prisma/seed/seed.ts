import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../src/db.js';
import type { Prisma } from '../../src/generated/prisma/client.js';
import { normalizeSearchText } from '../../src/search-text.js';
import { cleanArticle } from './clean.js';
import { type LocalizedColumns, localize, personPinyin, placePinyin } from './convert.js';
import { type Curated, type CuratedQuote, curatedSchema } from './curated.js';
import { curated as curatedData } from './entities.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const rawArticle = fs.readFileSync(path.join(here, 'article.txt'), 'utf8');
export const cleanedArticle = cleanArticle(rawArticle);

type Tx = Prisma.TransactionClient;
type EntityColumn =
  | 'agreementId'
  | 'partyId'
  | 'officialId'
  | 'participationId'
  | 'commitmentId'
  | 'industryId'
  | 'relatedReportId';
type SearchEntityType = 'AGREEMENT' | 'PARTY' | 'OFFICIAL' | 'COMMITMENT' | 'INDUSTRY' | 'RELATED_REPORT';

export class SeedDataError extends Error {
  override name = 'SeedDataError';
}

function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) found.push(i);
  return found;
}

export function resolveQuote(text: string, quote: CuratedQuote, where: string) {
  const [needle, index] = typeof quote === 'string' ? [quote, undefined] : quote;
  const found = occurrences(text, needle);
  if (found.length === 0) throw new SeedDataError(`${where}: quote «${needle}» is not in the article`);
  if (index === undefined && found.length > 1) {
    throw new SeedDataError(`${where}: quote «${needle}» occurs ${found.length} times; write [text, n] to pick one`);
  }
  const start = found[index ?? 0];
  if (start === undefined) throw new SeedDataError(`${where}: quote «${needle}» has no occurrence ${index}`);
  return { start, end: start + needle.length, text: needle };
}

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

/** Parses and checks the curated data: schema, unique keys, quotes that exist, no text outside the BMP. */
export function validateCurated(input: unknown = curatedData): Curated {
  const result = curatedSchema.safeParse(input);
  if (!result.success) {
    throw new SeedDataError(
      `curated data is invalid:\n${result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  const data = result.data;
  // PostgreSQL counts code points where the API counts UTF-16 units: they agree only inside the BMP.
  if (/[\u{10000}-\u{10FFFF}]/u.test(cleanedArticle))
    throw new SeedDataError('the article has characters outside the BMP');
  const groups: [string, { key: string }[]][] = [
    ['party', data.parties],
    ['official', data.officials],
    ['industry', data.industries],
    ['commitment', data.commitments],
    ['relatedReport', data.relatedReports],
  ];
  for (const [kind, rows] of groups) {
    const seen = new Set<string>();
    for (const { key } of rows) {
      if (seen.has(key)) throw new SeedDataError(`${kind} key ${key} is used twice`);
      seen.add(key);
    }
  }
  const withQuotes: [string, CuratedQuote[]][] = [
    ['agreement', data.agreement.quotes],
    ...data.parties.map((p) => [`party ${p.key}`, p.quotes] as [string, CuratedQuote[]]),
    ...data.officials.map((o) => [`official ${o.key}`, o.quotes] as [string, CuratedQuote[]]),
    ...data.agreement.participants.map((p) => [`participant ${p.official}`, p.quotes] as [string, CuratedQuote[]]),
    ...data.industries.map((i) => [`industry ${i.key}`, i.quotes] as [string, CuratedQuote[]]),
    ...data.commitments.map((c) => [`commitment ${c.key}`, c.quotes] as [string, CuratedQuote[]]),
    ...data.relatedReports.map((r) => [`relatedReport ${r.key}`, r.quotes] as [string, CuratedQuote[]]),
  ];
  for (const [where, quotes] of withQuotes) for (const q of quotes) resolveQuote(cleanedArticle, q, where);
  return data;
}

export interface SeedSummary {
  parties: number;
  officials: number;
  industries: number;
  commitments: number;
  relatedReports: number;
  quotes: number;
  searchTerms: number;
}

interface QuoteRow {
  key: string;
  column: EntityColumn;
  entityId: number;
  quote: CuratedQuote;
}

interface SearchRow {
  entityType: SearchEntityType;
  entityId: number;
  term: string;
  isName: boolean;
}

function searchTerms(
  entityType: SearchEntityType,
  entityId: number,
  names: (string | null)[],
  others: (string | null)[] = [],
): SearchRow[] {
  const rows = new Map<string, SearchRow>();
  const add = (text: string | null, isName: boolean) => {
    const term = text ? normalizeSearchText(text) : '';
    if (!term) return;
    const existing = rows.get(term);
    if (!existing || (isName && !existing.isName)) rows.set(term, { entityType, entityId, term, isName });
  };
  for (const n of names) add(n, true);
  for (const o of others) add(o, false);
  return [...rows.values()];
}

async function upsertQuotes(tx: Tx, documentId: number, quotes: QuoteRow[]) {
  for (const q of quotes) {
    const span = resolveQuote(cleanedArticle, q.quote, q.key);
    const data = { documentId, ...span, [q.column]: q.entityId };
    await tx.sourceQuote.upsert({ where: { key: q.key }, create: { key: q.key, ...data }, update: data });
  }
  await tx.sourceQuote.deleteMany({ where: { key: { notIn: quotes.map((q) => q.key) } } });
}

async function replaceSearchTerms(tx: Tx, rows: SearchRow[]) {
  const wanted = new Map(rows.map((r) => [`${r.entityType}:${r.entityId}:${r.term}`, r]));
  const existing = await tx.searchTerm.findMany({
    select: { id: true, entityType: true, entityId: true, term: true, isName: true },
  });
  const stale = existing.filter((e) => wanted.get(`${e.entityType}:${e.entityId}:${e.term}`)?.isName !== e.isName);
  if (stale.length) await tx.searchTerm.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
  await tx.searchTerm.createMany({ data: rows, skipDuplicates: true });
}

/**
 * Writes the curated article graph in one transaction. Every row is matched by its natural key,
 * so a second run changes nothing and a run after a data fix updates rows in place.
 */
export async function seed(db: Db, input: unknown = curatedData): Promise<SeedSummary> {
  const data = validateCurated(input);
  return db.$transaction(
    async (tx) => {
      const quotes: QuoteRow[] = [];
      const search: SearchRow[] = [];
      const quote = (prefix: string, column: EntityColumn, entityId: number, list: CuratedQuote[]) => {
        for (const [i, q] of list.entries()) quotes.push({ key: `${prefix}:${i}`, column, entityId, quote: q });
      };

      const docTitle = localize(data.document.title);
      const docData = {
        ...columns('title', docTitle),
        rawText: rawArticle,
        text: cleanedArticle,
        commentCount: data.document.commentCount,
      };
      const document = await tx.sourceDocument.upsert({
        where: { key: data.document.key },
        create: { key: data.document.key, ...docData },
        update: docData,
      });

      const partyIds = new Map<string, number>();
      for (const p of data.parties) {
        const name = localize(p.name, 'place');
        const row = { ...columns('name', name, true), aliases: p.aliases, kind: p.kind };
        const { id } = await tx.party.upsert({ where: { key: p.key }, create: { key: p.key, ...row }, update: row });
        partyIds.set(p.key, id);
        quote(`party:${p.key}`, 'partyId', id, p.quotes);
        search.push(
          ...searchTerms('PARTY', id, [
            name.zhHant,
            name.zhHans,
            name.en,
            name.pinyin,
            placePinyin(name.zhHant),
            ...p.aliases.flatMap((a) => [a, localize({ zhHant: a, en: a }).zhHans, placePinyin(a)]),
          ]),
        );
      }
      await tx.party.deleteMany({ where: { key: { notIn: [...partyIds.keys()] } } });
      const [publisherId] = refs(partyIds, [data.document.publisher], 'document.publisher');
      await tx.sourceDocument.update({ where: { id: document.id }, data: { publisherId } });

      const officialIds = new Map<string, number>();
      for (const o of data.officials) {
        const name = localize(o.name, 'person');
        const row = columns('name', name, true);
        const { id } = await tx.official.upsert({ where: { key: o.key }, create: { key: o.key, ...row }, update: row });
        officialIds.set(o.key, id);
        quote(`official:${o.key}`, 'officialId', id, o.quotes);
        search.push(
          ...searchTerms('OFFICIAL', id, [name.zhHant, name.zhHans, name.en, name.pinyin, personPinyin(name.zhHant)]),
        );
        const kept: number[] = [];
        for (const [rank, position] of o.positions.entries()) {
          const [organizationId] = refs(partyIds, [position.organization], `official ${o.key}`) as [number];
          const title = columns('title', localize(position.title));
          const { id: positionId } = await tx.position.upsert({
            where: {
              officialId_organizationId_titleZhHant: { officialId: id, organizationId, titleZhHant: title.titleZhHant },
            },
            create: { officialId: id, organizationId, rank, ...title },
            update: { rank, ...title },
          });
          kept.push(positionId);
        }
        await tx.position.deleteMany({ where: { officialId: id, id: { notIn: kept } } });
      }
      await tx.official.deleteMany({ where: { key: { notIn: [...officialIds.keys()] } } });

      const a = data.agreement;
      const agreementTitle = localize(a.title);
      const agreementRow = { ...columns('title', agreementTitle), year: a.year };
      const agreement = await tx.agreement.upsert({
        where: { key: a.key },
        create: { key: a.key, ...agreementRow },
        update: agreementRow,
      });
      await tx.agreement.deleteMany({ where: { key: { not: a.key } } });
      quote(`agreement:${a.key}`, 'agreementId', agreement.id, a.quotes);
      search.push(
        ...searchTerms('AGREEMENT', agreement.id, [agreementTitle.zhHant, agreementTitle.zhHans, agreementTitle.en]),
      );
      for (const [position, area] of a.cooperationAreas.entries()) {
        const name = columns('name', localize(area));
        await tx.cooperationArea.upsert({
          where: { agreementId_position: { agreementId: agreement.id, position } },
          create: { agreementId: agreement.id, position, ...name },
          update: name,
        });
      }
      await tx.cooperationArea.deleteMany({
        where: { agreementId: agreement.id, position: { gte: a.cooperationAreas.length } },
      });
      const signatoryIds = refs(partyIds, a.signatories, 'agreement.signatories');
      await tx.agreementParty.deleteMany({ where: { agreementId: agreement.id, partyId: { notIn: signatoryIds } } });
      await tx.agreementParty.createMany({
        data: signatoryIds.map((partyId) => ({ agreementId: agreement.id, partyId, role: 'SIGNATORY' as const })),
        skipDuplicates: true,
      });
      const participantIds: number[] = [];
      for (const p of a.participants) {
        const [officialId] = refs(officialIds, [p.official], 'agreement.participants') as [number];
        const capacity = p.capacity
          ? columns('capacity', localize(p.capacity))
          : { capacityZhHant: null, capacityZhHans: null, capacityEn: null };
        const row = { roles: p.roles, ...capacity };
        const { id } = await tx.participation.upsert({
          where: { agreementId_officialId: { agreementId: agreement.id, officialId } },
          create: { agreementId: agreement.id, officialId, ...row },
          update: row,
        });
        participantIds.push(id);
        quote(`participation:${a.key}:${p.official}`, 'participationId', id, p.quotes);
      }
      await tx.participation.deleteMany({ where: { agreementId: agreement.id, id: { notIn: participantIds } } });

      const industryIds = new Map<string, number>();
      for (const i of data.industries) {
        const name = localize(i.name);
        const row = columns('name', name);
        const { id } = await tx.industry.upsert({ where: { key: i.key }, create: { key: i.key, ...row }, update: row });
        industryIds.set(i.key, id);
        quote(`industry:${i.key}`, 'industryId', id, i.quotes);
        search.push(...searchTerms('INDUSTRY', id, [name.zhHant, name.zhHans, name.en, placePinyin(name.zhHant)]));
      }
      for (const i of data.industries) {
        const parentId = i.parent ? refs(industryIds, [i.parent], `industry ${i.key}`)[0] : null;
        await tx.industry.update({ where: { key: i.key }, data: { parentId } });
      }
      await tx.industry.deleteMany({ where: { key: { notIn: [...industryIds.keys()] } } });

      const commitmentKeys: string[] = [];
      for (const [position, c] of data.commitments.entries()) {
        const text = localize(c.text);
        const links = {
          committedBy: { set: refs(partyIds, c.committedBy, c.key).map((id) => ({ id })) },
          beneficiaries: { set: refs(partyIds, c.beneficiaries, c.key).map((id) => ({ id })) },
          industries: { set: refs(industryIds, c.industries, c.key).map((id) => ({ id })) },
        };
        const row = { agreementId: agreement.id, position, status: c.status, ...columns('text', text) };
        const { id } = await tx.commitment.upsert({
          where: { key: c.key },
          create: {
            key: c.key,
            ...row,
            committedBy: { connect: links.committedBy.set },
            beneficiaries: { connect: links.beneficiaries.set },
            industries: { connect: links.industries.set },
          },
          update: { ...row, ...links },
        });
        commitmentKeys.push(c.key);
        quote(`commitment:${c.key}`, 'commitmentId', id, c.quotes);
        search.push(...searchTerms('COMMITMENT', id, [], [text.zhHant, text.zhHans, text.en]));
        for (const [targetPosition, t] of c.targets.entries()) {
          const target = {
            quantity: t.quantity,
            ...columns('unit', localize(t.unit)),
            ...columns('description', localize(t.description)),
          };
          await tx.target.upsert({
            where: { commitmentId_position: { commitmentId: id, position: targetPosition } },
            create: { commitmentId: id, position: targetPosition, ...target },
            update: target,
          });
        }
        await tx.target.deleteMany({ where: { commitmentId: id, position: { gte: c.targets.length } } });
      }
      await tx.commitment.deleteMany({ where: { key: { notIn: commitmentKeys } } });

      const reportKeys: string[] = [];
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
        const industries = refs(industryIds, r.industries, r.key).map((industryId) => ({ industryId }));
        const { id } = await tx.relatedReport.upsert({
          where: { key: r.key },
          create: { key: r.key, ...row, industries: { create: industries } },
          update: { ...row, industries: { deleteMany: {}, create: industries } },
        });
        reportKeys.push(r.key);
        quote(`relatedReport:${r.key}`, 'relatedReportId', id, r.quotes);
        search.push(
          ...searchTerms(
            'RELATED_REPORT',
            id,
            [title.zhHant, title.zhHans, title.en],
            [author?.zhHant ?? null, author?.zhHans ?? null, author?.en ?? null, author?.pinyin ?? null],
          ),
        );
      }
      await tx.relatedReport.deleteMany({ where: { key: { notIn: reportKeys } } });

      await upsertQuotes(tx, document.id, quotes);
      await replaceSearchTerms(tx, search);
      return {
        parties: partyIds.size,
        officials: officialIds.size,
        industries: industryIds.size,
        commitments: commitmentKeys.length,
        relatedReports: reportKeys.length,
        quotes: quotes.length,
        searchTerms: search.length,
      };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}
