/** The languages a LocalizedText holds, by the names of its fields. */
export const languages = ['ZH_HANT', 'ZH_HANS', 'EN', 'PINYIN'] as const;
export type Language = (typeof languages)[number];

/** The source's own script: what a reader gets when nothing else is asked for or the asked-for form is missing. */
export const sourceLanguage: Language = 'ZH_HANT';

/** The language a BCP 47 tag asks for, or null when it is none of ours (`*` included). */
function languageOfTag(tag: string): Language | null {
  const subtags = tag.toLowerCase().split('-');
  const [primary, ...rest] = subtags;
  if (primary === 'en') return 'EN';
  if (primary !== 'zh') return null;
  if (rest.includes('latn')) return rest.includes('pinyin') || rest.length === 1 ? 'PINYIN' : null;
  if (rest.includes('hant')) return 'ZH_HANT';
  if (rest.includes('hans')) return 'ZH_HANS';
  if (rest.some((subtag) => subtag === 'tw' || subtag === 'hk' || subtag === 'mo')) return 'ZH_HANT';
  return 'ZH_HANS';
}

/**
 * The language an Accept-Language header prefers: of the tags this API can answer, the one of the
 * highest q-value, the first listed among equals; a q of 0 refuses a tag. The source's Traditional
 * Chinese when the header is missing or names none of ours.
 */
export function negotiateLanguage(header: string | null | undefined): Language {
  let best: { language: Language; q: number } | null = null;
  for (const range of (header ?? '').split(',')) {
    const [tag = '', ...parameters] = range.trim().split(';');
    const language = languageOfTag(tag.trim());
    if (!language) continue;
    const qParameter = parameters.map((p) => p.trim()).find((p) => /^q=/i.test(p));
    const q = qParameter === undefined ? 1 : Number(qParameter.slice(2));
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    if (!best || q > best.q) best = { language, q };
  }
  return best?.language ?? sourceLanguage;
}
