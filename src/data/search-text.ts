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

const han = /^\p{Script=Han}+$/u;

/** True when every character of `text` is Chinese (and there is one). */
export function isChinese(text: string): boolean {
  return han.test(text);
}

/**
 * True for a query SearchGram answers: one or two characters of any kind, or three Chinese characters (the
 * commonest length of a Chinese name). A trigram index has nothing to look up below three characters.
 */
export function isGramQuery(term: string): boolean {
  const length = [...term].length;
  return length < 3 || (length === 3 && isChinese(term));
}

/**
 * What a gram query finds an entity's term by: every run of one to three Chinese characters anywhere in it,
 * and its first one and two characters (letters, digits or Chinese) and those of its initials. So 襄, 陽,
 * 襄陽 and 襄陽市 find 襄陽市; x, xi and xy find it too, y does not.
 */
export function searchGrams(term: string, initials?: string | null): string[] {
  const chars = [...term];
  const grams = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    for (let length = 1; length <= 3 && i + length <= chars.length; length++) {
      const run = chars.slice(i, i + length).join('');
      if (isChinese(run)) grams.add(run);
    }
  }
  for (const start of [chars, [...(initials ?? '')]]) {
    if (start[0]) grams.add(start[0]);
    if (start[1]) grams.add(start[0] + start[1]);
  }
  return [...grams];
}
