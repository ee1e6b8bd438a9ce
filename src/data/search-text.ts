/**
 * The form every search term is stored and matched in: compatibility-decomposed, tone marks
 * and other combining marks dropped, lower case, without spaces, punctuation, symbols or control
 * characters.
 * "Xiāngyáng Shì", "xiangyang shi" and "XiangYangShi" all become "xiangyangshi".
 */
export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}\p{C}]/gu, '');
}

/** Below this many characters a query is matched by SearchGram: a trigram index has nothing to look up. */
export const shortQueryLength = 3;

const han = /^\p{Script=Han}+$/u;

/**
 * What a query shorter than `shortQueryLength` finds an entity's term by: every Chinese character and pair of
 * Chinese characters anywhere in it, and its first one and two characters (letters, digits or Chinese) and
 * those of its initials. So 襄, 陽 and 襄陽 find 襄陽市; x, xi and xy find it too, y does not.
 */
export function searchGrams(term: string, initials?: string | null): string[] {
  const chars = [...term];
  const grams = new Set<string>();
  for (const [i, char] of chars.entries()) {
    if (han.test(char)) grams.add(char);
    const pair = char + (chars[i + 1] ?? '');
    if (pair.length > char.length && han.test(pair)) grams.add(pair);
  }
  for (const start of [chars, [...(initials ?? '')]]) {
    if (start[0]) grams.add(start[0]);
    if (start[1]) grams.add(start[0] + start[1]);
  }
  return [...grams];
}
