import path from 'node:path';
import { type Curated, type CuratedQuote, curatedSchema } from './curated.js';
import { SeedDataError, type SourceFolder } from './documents.js';

function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) found.push(i);
  return found;
}

/** The span of the cleaned text a quote names, or a SeedDataError saying `where` it went wrong. */
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

/**
 * Parses and checks a document's curated data before anything is written: its schema, a key equal
 * to its folder's name, unique keys, quotes that exist in its text, no text outside the BMP.
 * Every error names the file.
 */
export function validateCurated(folder: SourceFolder): Curated {
  const file = path.join(folder.dir, 'entities.json');
  const result = curatedSchema.safeParse(folder.entities);
  if (!result.success) {
    throw new SeedDataError(
      `${file} is invalid:\n${result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  const data = result.data;
  if (data.document.key !== folder.key) {
    throw new SeedDataError(`${file}: document.key is ${data.document.key}, but its folder is named ${folder.key}`);
  }
  // PostgreSQL counts code points where the API counts UTF-16 units: they agree only inside the BMP.
  if (/[\u{10000}-\u{10FFFF}]/u.test(folder.text))
    throw new SeedDataError(`${path.join(folder.dir, 'article.txt')} has characters outside the BMP`);
  if (!data.agreement && data.commitments.length > 0)
    throw new SeedDataError(`${file}: commitments need the agreement that makes them`);
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
      if (seen.has(key)) throw new SeedDataError(`${file}: ${kind} key ${key} is used twice`);
      seen.add(key);
    }
  }
  const agreement = data.agreement;
  const withQuotes: [string, CuratedQuote[]][] = [
    ...(agreement ? [[`agreement ${agreement.key}`, agreement.quotes] as [string, CuratedQuote[]]] : []),
    ...data.parties.map((p) => [`party ${p.key}`, p.quotes] as [string, CuratedQuote[]]),
    ...data.officials.map((o) => [`official ${o.key}`, o.quotes] as [string, CuratedQuote[]]),
    ...(agreement?.participants ?? []).map((p) => [`participant ${p.official}`, p.quotes] as [string, CuratedQuote[]]),
    ...data.industries.map((i) => [`industry ${i.key}`, i.quotes] as [string, CuratedQuote[]]),
    ...data.commitments.map((c) => [`commitment ${c.key}`, c.quotes] as [string, CuratedQuote[]]),
    ...data.relatedReports.map((r) => [`relatedReport ${r.key}`, r.quotes] as [string, CuratedQuote[]]),
  ];
  for (const [where, quotes] of withQuotes) for (const q of quotes) resolveQuote(folder.text, q, `${file}: ${where}`);
  return data;
}
