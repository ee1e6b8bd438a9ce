import type { Prisma } from '../generated/prisma/client.js';
import type { SearchEntityType } from '../generated/prisma/enums.js';
import { librarySimplified, personPinyin, pinyinInitials, placePinyin } from '../text/convert.js';
import { normalizeSearchText, searchGrams } from './search-text.js';

type Tx = Prisma.TransactionClient;

export interface SearchRow {
  entityType: SearchEntityType;
  entityId: number;
  term: string;
  isName: boolean;
  initials: string | null;
}

/** The search type of each searchable model. */
export const searchTypes = {
  RelatedReport: 'RELATED_REPORT',
  Commitment: 'COMMITMENT',
  Official: 'OFFICIAL',
  Industry: 'INDUSTRY',
  Party: 'PARTY',
  Agreement: 'AGREEMENT',
} as const satisfies Record<string, SearchEntityType>;
export type SearchableModel = keyof typeof searchTypes;

/** A Chinese name, searched by its pinyin initials too. */
interface ChineseName {
  text: string;
  initials: string | undefined;
}

const chinese = (text: string, reviewedPinyin?: string | null): ChineseName => ({
  text,
  initials: pinyinInitials(text, reviewedPinyin),
});

function terms(
  entityType: SearchEntityType,
  entityId: number,
  names: (string | ChineseName | null)[],
  others: (string | null)[] = [],
): SearchRow[] {
  const rows = new Map<string, SearchRow>();
  const add = (name: string | ChineseName | null, isName: boolean) => {
    const { text, initials } = typeof name === 'string' || name === null ? { text: name, initials: undefined } : name;
    const term = text ? normalizeSearchText(text) : '';
    if (!term) return;
    const existing = rows.get(term);
    if (!existing || (isName && !existing.isName))
      rows.set(term, { entityType, entityId, term, isName, initials: initials || existing?.initials || null });
  };
  for (const n of names) add(n, true);
  for (const o of others) add(o, false);
  return [...rows.values()];
}

type Columns = { id: number } & Record<string, unknown>;
const text = (row: Columns, column: string) => (row[column] as string | null | undefined) ?? null;

/** The terms search finds a row by: its names in every script, pinyin and initials; a commitment by its text. */
export function searchTermsOf(model: SearchableModel, row: Columns): SearchRow[] {
  const type = searchTypes[model];
  const named = (prefix: string) => [text(row, `${prefix}ZhHans`), text(row, `${prefix}En`)];
  switch (model) {
    case 'Party':
    case 'Official': {
      const zhHant = row.nameZhHant as string;
      const pinyin = text(row, 'namePinyin');
      const derived = model === 'Party' ? placePinyin(zhHant) : personPinyin(zhHant);
      const aliases = model === 'Party' ? ((row.aliases as string[] | undefined) ?? []) : [];
      return terms(type, row.id, [
        chinese(zhHant, pinyin),
        ...named('name'),
        pinyin,
        derived,
        ...aliases.flatMap((alias) => [chinese(alias), librarySimplified(alias), placePinyin(alias)]),
      ]);
    }
    case 'Industry': {
      const zhHant = row.nameZhHant as string;
      return terms(type, row.id, [chinese(zhHant), ...named('name'), placePinyin(zhHant)]);
    }
    case 'Agreement':
      return terms(type, row.id, [chinese(row.titleZhHant as string), ...named('title')]);
    case 'Commitment':
      return terms(type, row.id, [], [text(row, 'textZhHant'), ...named('text')]);
    case 'RelatedReport':
      return terms(
        type,
        row.id,
        [chinese(row.titleZhHant as string), ...named('title')],
        [text(row, 'authorZhHant'), ...named('author'), text(row, 'authorPinyin')],
      );
  }
}

/**
 * The search terms and short-query grams of the entities a document wrote, replaced; those of other
 * entities are left alone.
 */
export async function replaceSearchTerms(tx: Tx, rows: SearchRow[], entities: Map<SearchEntityType, number[]>) {
  const wanted = new Map(rows.map((r) => [`${r.entityType}:${r.entityId}:${r.term}`, r]));
  const ofEntities = { OR: [...entities].map(([entityType, ids]) => ({ entityType, entityId: { in: ids } })) };
  const existing = await tx.searchTerm.findMany({
    where: ofEntities,
    select: { id: true, entityType: true, entityId: true, term: true, isName: true, initials: true },
  });
  const stale = existing.filter((e) => !wanted.has(`${e.entityType}:${e.entityId}:${e.term}`));
  if (stale.length) await tx.searchTerm.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
  for (const e of existing) {
    const row = wanted.get(`${e.entityType}:${e.entityId}:${e.term}`);
    if (row && (row.isName !== e.isName || row.initials !== e.initials))
      await tx.searchTerm.update({ where: { id: e.id }, data: { isName: row.isName, initials: row.initials } });
  }
  await tx.searchTerm.createMany({ data: rows, skipDuplicates: true });
  const grams = new Map(
    rows.flatMap(({ term, initials, entityType, entityId }) =>
      searchGrams(term, initials).map((gram) => [`${gram}:${entityType}:${entityId}`, { gram, entityType, entityId }]),
    ),
  );
  await tx.searchGram.deleteMany({ where: ofEntities });
  await tx.searchGram.createMany({ data: [...grams.values()] });
}
