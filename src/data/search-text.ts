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
