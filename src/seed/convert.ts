import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import type { CuratedText } from './curated.js';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

export function librarySimplified(zhHant: string): string {
  return toSimplified(zhHant);
}

function capitalize(syllable: string) {
  return syllable.charAt(0).toUpperCase() + syllable.slice(1);
}

function syllables(zhHant: string): string[] {
  return pinyin(zhHant, { type: 'array', nonZh: 'removed' });
}

/** A person's name as "Surname Givenname"; every name in the source has a one-character surname. */
export function personPinyin(zhHant: string): string {
  const [surname = '', ...given] = syllables(zhHant);
  return [capitalize(surname), capitalize(given.join(''))].filter(Boolean).join(' ');
}

const adminSuffixes = new Set(['市', '省', '區', '縣']);

/** A place name as one word, with an administrative suffix as its own word: "Xiāngyáng Shì". */
export function placePinyin(zhHant: string): string {
  const chars = [...zhHant];
  const suffix = chars.length > 2 && adminSuffixes.has(chars.at(-1) ?? '') ? chars.pop() : undefined;
  const words = [syllables(chars.join('')).join('')];
  if (suffix) words.push(syllables(suffix).join(''));
  return words.map(capitalize).join(' ');
}

export interface LocalizedColumns {
  zhHant: string;
  zhHans: string;
  en: string;
  pinyin: string | null;
}

export function localize(text: CuratedText, kind: 'person' | 'place' | 'other' = 'other'): LocalizedColumns {
  let romanized: string | null = null;
  if (typeof text.pinyin === 'string') romanized = text.pinyin;
  else if (text.pinyin === true) romanized = kind === 'person' ? personPinyin(text.zhHant) : placePinyin(text.zhHant);
  return { zhHant: text.zhHant, zhHans: text.zhHans ?? librarySimplified(text.zhHant), en: text.en, pinyin: romanized };
}
