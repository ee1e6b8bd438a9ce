import type { Language } from './generated/graphql.js';

export const languages: { value: Language; label: string; tag: string }[] = [
  { value: 'ZH_HANT', label: '繁體', tag: 'zh-Hant' },
  { value: 'ZH_HANS', label: '简体', tag: 'zh-Hans' },
  { value: 'EN', label: 'English', tag: 'en' },
  { value: 'PINYIN', label: 'Pinyin', tag: 'zh-Latn-pinyin' },
];

/** The first of the browser's languages the graph has names in, as the server reads Accept-Language. */
export function browserLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred.map((t) => t.toLowerCase())) {
    if (/^zh-latn/.test(tag)) return 'PINYIN';
    if (/^zh-(tw|hk|mo|hant)/.test(tag)) return 'ZH_HANT';
    if (/^zh(-|$)/.test(tag)) return 'ZH_HANS';
    if (/^en(-|$)/.test(tag)) return 'EN';
  }
  return 'EN';
}

type Words = Record<string, string>;

// Words of the schema's types and enums, in the scripts of the page (pinyin readers get English ones).
const traditional: Words = {
  Agreement: '協議',
  Party: '機構',
  Official: '官員',
  Commitment: '承諾',
  Industry: '產業',
  RelatedReport: '相關報告',
  Target: '目標',
  PLEDGED: '已承諾',
  IN_PROGRESS: '進行中',
  FULFILLED: '已履行',
  LAPSED: '已失效',
  ATTENDED: '出席',
  PRESIDED: '主持',
  REPORTED: '介紹',
  SIGNED: '簽訂',
  SPOKE: '講話',
  SIGNATORY: '簽約方',
  parties: '簽約方',
  participants: '參與官員',
  commitments: '承諾',
  agreement: '協議',
  agreements: '協議',
  committedBy: '承諾方',
  beneficiaries: '受益方',
  industries: '產業',
  targets: '目標',
  relatedReports: '相關報告',
  broader: '上位產業',
  narrower: '下位產業',
  officials: '官員',
  commitmentsMade: '作出的承諾',
  commitmentsReceived: '受益的承諾',
  positions: '任職機構',
  participations: '參與的協議',
  publisher: '發布機構',
};

const simplified: Words = {
  ...traditional,
  Agreement: '协议',
  Party: '机构',
  Official: '官员',
  Commitment: '承诺',
  Industry: '产业',
  RelatedReport: '相关报告',
  Target: '目标',
  PLEDGED: '已承诺',
  IN_PROGRESS: '进行中',
  LAPSED: '已失效',
  ATTENDED: '出席',
  REPORTED: '介绍',
  SIGNED: '签订',
  SPOKE: '讲话',
  SIGNATORY: '签约方',
  parties: '签约方',
  participants: '参与官员',
  commitments: '承诺',
  agreement: '协议',
  agreements: '协议',
  committedBy: '承诺方',
  beneficiaries: '受益方',
  industries: '产业',
  targets: '目标',
  relatedReports: '相关报告',
  broader: '上位产业',
  narrower: '下位产业',
  officials: '官员',
  commitmentsMade: '作出的承诺',
  commitmentsReceived: '受益的承诺',
  positions: '任职机构',
  participations: '参与的协议',
  publisher: '发布机构',
};

const english: Words = {
  Agreement: 'Agreement',
  Party: 'Organisation',
  Official: 'Official',
  Commitment: 'Commitment',
  Industry: 'Industry',
  RelatedReport: 'Related report',
  Target: 'Target',
  PLEDGED: 'pledged',
  IN_PROGRESS: 'in progress',
  FULFILLED: 'fulfilled',
  LAPSED: 'lapsed',
  ATTENDED: 'attended',
  PRESIDED: 'presided',
  REPORTED: 'reported',
  SIGNED: 'signed',
  SPOKE: 'spoke',
  SIGNATORY: 'signatory',
  parties: 'Parties',
  participants: 'Participants',
  commitments: 'Commitments',
  agreement: 'Agreement',
  agreements: 'Agreements',
  committedBy: 'Committed by',
  beneficiaries: 'For the benefit of',
  industries: 'Industries',
  targets: 'Targets',
  relatedReports: 'Related reports',
  broader: 'Broader industries',
  narrower: 'Narrower industries',
  officials: 'Officials',
  commitmentsMade: 'Commitments made',
  commitmentsReceived: 'Commitments for it',
  positions: 'Offices held in',
  participations: 'Took part in',
  publisher: 'Publisher',
};

const words: Record<Language, Words> = { ZH_HANT: traditional, ZH_HANS: simplified, EN: english, PINYIN: english };

/** A type, enum value or relation named in the reader's language. */
export const word = (lang: Language, key: string) => words[lang][key] ?? key;

export const tagOf = (lang: Language) => languages.find((l) => l.value === lang)?.tag ?? 'en';
