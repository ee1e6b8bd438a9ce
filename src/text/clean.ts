// Turns the article as received into the cleaned text every quote indexes into.
// Two kinds of damage are removed, nothing is added:
// - each character that the converter followed with its pinyin, `產(chǎn)`, loses the parenthesis;
// - an undecodable run (a `?` the converter left, with the mangled colon and `</b>` tag that
//   followed one byline) becomes one U+FFFD REPLACEMENT CHARACTER, the Unicode mark for
//   "something was here that could not be read".

const pinyinArtifact = /(\p{Script=Han})\((?:[a-zü]|\p{Mn}|[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ])+\)/gu;
const undecodable = /\?(?:。\?\/b>)?/g;

export const REPLACEMENT = '\uFFFD';

export function cleanArticle(raw: string): string {
  return raw.replace(pinyinArtifact, '$1').replace(undecodable, REPLACEMENT);
}

/** True when the text still carries a pinyin parenthesis or markup left by the conversion. */
export function hasConversionArtifacts(text: string): boolean {
  return new RegExp(pinyinArtifact.source, 'u').test(text) || /<\/?\w+>|\/b>|\?/.test(text);
}
