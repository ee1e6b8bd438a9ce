import { builder } from '../builder.js';
import type { Language } from '../language.js';

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
