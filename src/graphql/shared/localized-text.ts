import { librarySimplified, personPinyin, placePinyin, spells } from '../../text/convert.js';
import { builder } from '../builder.js';
import type { Language } from '../language.js';
import { optionalText, requiredText, ValidationError } from './result-errors.js';

export interface LocalizedTextShape {
  zhHant: string;
  zhHans: string;
  en: string | null;
  pinyin: string | null;
}

export const LanguageEnum = builder.enumType('Language', {
  description: 'A language a text is given in.',
  values: {
    ZH_HANT: { description: 'Traditional Chinese, as the source prints it.' },
    ZH_HANS: { description: 'Simplified Chinese (mainland).' },
    EN: { description: 'English.' },
    PINYIN: { description: 'Hanyu pinyin with tone marks.' },
  } satisfies Record<Language, unknown>,
});

const fieldOf = { ZH_HANT: 'zhHant', ZH_HANS: 'zhHans', EN: 'en', PINYIN: 'pinyin' } as const;

/** The text in `language`, or in the source's script where that form was never made. */
export function textIn(text: LocalizedTextShape, language: Language): string {
  return text[fieldOf[language]] ?? text.zhHant;
}

export const LocalizedText = builder.objectRef<LocalizedTextShape>('LocalizedText').implement({
  description: 'A name or text in the scripts a reader may want.',
  fields: (t) => ({
    zhHant: t.exposeString('zhHant', {
      description:
        'Traditional Chinese as printed in the source, with conversion artifacts removed (e.g. 產(chǎn) -> 產).',
    }),
    zhHans: t.exposeString('zhHans', { description: 'Simplified Chinese (mainland).' }),
    en: t.exposeString('en', { nullable: true, description: 'English rendering; null only where none has been made.' }),
    pinyin: t.exposeString('pinyin', {
      nullable: true,
      description: 'Hanyu pinyin with tone marks, for names of people and places; null otherwise.',
    }),
    text: t.string({
      description:
        'The text in one language: `lang` when given, otherwise the one the request’s Accept-Language prefers (zh-TW, zh-HK, zh-Hant → ZH_HANT; zh-CN, zh-SG, zh-Hans, zh → ZH_HANS; en-* → EN; zh-Latn-pinyin → PINYIN; q-values honoured). Falls back to ZH_HANT where the asked-for form does not exist.',
      args: { lang: t.arg({ type: LanguageEnum, required: false }) },
      resolve: (text, { lang }, ctx) => textIn(text, lang ?? ctx.language),
    }),
  }),
});

type Columns<P extends string> = { [K in `${P}ZhHant` | `${P}ZhHans`]: string } & {
  [K in `${P}En`]: string | null;
} & { [K in `${P}Pinyin`]?: string | null };

/** Reads the four columns `<prefix>ZhHant/ZhHans/En/Pinyin` of a row as one LocalizedText. */
export function localized<P extends string>(row: Columns<P>, prefix: P): LocalizedTextShape {
  const r = row as Record<string, string | null | undefined>;
  return {
    zhHant: r[`${prefix}ZhHant`] as string,
    zhHans: r[`${prefix}ZhHans`] as string,
    en: r[`${prefix}En`] ?? null,
    pinyin: r[`${prefix}Pinyin`] ?? null,
  };
}

/** Like `localized`, for optional texts whose columns may all be null. */
export function optionalLocalized(row: Record<string, unknown>, prefix: string): LocalizedTextShape | null {
  if (row[`${prefix}ZhHant`] == null) return null;
  return localized(row as Columns<string>, prefix);
}

export const LocalizedTextInput = builder.inputType('LocalizedTextInput', {
  description:
    'A name or text as a curator gives it: Traditional Chinese as the source prints it; Simplified (and pinyin, where the entity has it) are derived as the seed derives them unless given.',
  fields: (t) => ({
    zhHant: t.string({ required: true, description: 'Traditional Chinese; not empty.' }),
    zhHans: t.string({ required: false, description: 'Simplified Chinese; derived from zhHant when left out.' }),
    en: t.string({ required: false, description: 'English.' }),
    pinyin: t.string({
      required: false,
      description: 'Hanyu pinyin with tone marks, for names of people and places; derived when left out.',
    }),
  }),
});

interface LocalizedInput {
  zhHant: string;
  zhHans?: string | null;
  en?: string | null;
  pinyin?: string | null;
}

/**
 * The columns `<prefix>ZhHant/ZhHans/En(/Pinyin)` an input's text sets: none when it is left out, all null when
 * it is null and the text is optional. `pinyin` derives the pinyin of a person's or a place's name.
 */
export function localizedColumns(
  prefix: string,
  value: unknown,
  field: string,
  options: { pinyin?: 'person' | 'place'; optional?: boolean } = {},
): Record<string, string | null> {
  if (value === undefined) return {};
  const names = [`${prefix}ZhHant`, `${prefix}ZhHans`, `${prefix}En`, ...(options.pinyin ? [`${prefix}Pinyin`] : [])];
  if (value === null) {
    if (!options.optional) throw new ValidationError(field, 'Cannot be removed: give the text in Traditional Chinese.');
    return Object.fromEntries(names.map((name) => [name, null]));
  }
  const input = value as LocalizedInput;
  const zhHant = requiredText(`${field}.zhHant`, input.zhHant);
  const columns: Record<string, string | null> = {
    [`${prefix}ZhHant`]: zhHant,
    [`${prefix}ZhHans`]: optionalText(`${field}.zhHans`, input.zhHans) ?? librarySimplified(zhHant),
    [`${prefix}En`]: optionalText(`${field}.en`, input.en),
  };
  if (options.pinyin) {
    const given = optionalText(`${field}.pinyin`, input.pinyin);
    if (given !== null && !spells(zhHant, given))
      throw new ValidationError(`${field}.pinyin`, `Does not spell ${zhHant} by its characters' readings.`);
    const derived = options.pinyin === 'person' ? personPinyin(zhHant) : placePinyin(zhHant);
    // A name with letters or digits has no derived pinyin: the library's reading drops them.
    columns[`${prefix}Pinyin`] = given ?? (spells(zhHant, derived) ? derived : null);
  }
  return columns;
}
