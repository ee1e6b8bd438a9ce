import * as OpenCC from 'opencc-js';
import { pinyin, polyphonic } from 'pinyin-pro';
import { isChinese, normalizeSearchText } from '../data/search-text.js';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

export function librarySimplified(zhHant: string): string {
  return toSimplified(zhHant);
}

function capitalize(syllable: string) {
  return syllable.charAt(0).toUpperCase() + syllable.slice(1);
}

/**
 * The library's reading of each character, told from the Simplified form where it has as many characters:
 * its dictionary of words is Simplified, so it reads 汽車 and 行業 as "qì jū" and "xíng yè", 汽车 and 行业 right.
 */
function readings(zhHant: string, toneType: 'symbol' | 'none' = 'symbol'): string[] {
  const zhHans = librarySimplified(zhHant);
  const text = [...zhHans].length === [...zhHant].length ? zhHans : zhHant;
  return pinyin(text, { type: 'array', toneType });
}

function syllables(zhHant: string): string[] {
  const chars = [...zhHant];
  return readings(zhHant).filter((_, i) => isChinese(chars[i] ?? ''));
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

/**
 * Each character's syllable as the reviewed pinyin spells it: the reviewed text is split where every
 * character's readings allow; a character that is not Chinese stands for itself.
 */
function reviewedSyllables(zhHant: string, reviewed: string): string[] | undefined {
  const readings = polyphonic(zhHant, { type: 'array', toneType: 'none' }).map((options) =>
    options.map(normalizeSearchText).filter(Boolean),
  );
  const spelled = normalizeSearchText(reviewed);
  const split = (char: number, at: number): string[] | undefined => {
    if (char === readings.length) return at === spelled.length ? [] : undefined;
    for (const reading of readings[char] ?? []) {
      if (!spelled.startsWith(reading, at)) continue;
      const rest = split(char + 1, at + reading.length);
      if (rest) return [reading, ...rest];
    }
    return undefined;
  };
  return split(0, 0);
}

/** True when `pinyin` spells every Chinese character of `zhHant` by one of its readings, and nothing else. */
export function spells(zhHant: string, pinyin: string): boolean {
  return reviewedSyllables(zhHant, pinyin) !== undefined;
}

/**
 * The pinyin initials of a Chinese text, "xys" for 襄陽市: from its reviewed pinyin where it has one (that is
 * how a polyphonic character is read right), otherwise from the library's reading in context. Letters and
 * digits in the text stay as they are. Undefined for a text with no Chinese character.
 */
export function pinyinInitials(zhHant: string, reviewed?: string | null): string | undefined {
  const chars = [...zhHant];
  if (!chars.some(isChinese)) return undefined;
  const syllables = reviewed ? reviewedSyllables(zhHant, reviewed) : readings(zhHant, 'none');
  if (!syllables) throw new Error(`the reviewed pinyin "${reviewed}" does not spell ${zhHant}`);
  return normalizeSearchText(
    chars.map((char, i) => (isChinese(char) ? (syllables[i] ?? '').charAt(0) : char)).join(''),
  );
}

/** A text as curated: Traditional as in the source, English, and where given Simplified and pinyin (true: derive it). */
export interface CuratedText {
  zhHant: string;
  en: string;
  zhHans?: string;
  pinyin?: true | string;
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
