import type * as Rows from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { pageOf, rootPage } from '../shared/connections.js';
import { LocalizedText, localized, optionalLocalized } from '../shared/localized-text.js';
import { Industry } from './industry.js';
import { RevisionConnection, revisionsOf } from './revision.js';
import { sourcesField } from './source-document.js';

interface MoneyShape {
  amount: { toNumber(): number; toFixed(): string };
  currency: string;
  text: string;
}

const Money = builder.objectRef<MoneyShape>('Money').implement({
  description: 'An amount of money as the source states it.',
  fields: (t) => ({
    amount: t.float({
      description: 'The amount in units of the currency.',
      resolve: (money) => money.amount.toNumber(),
    }),
    exactAmount: t.string({
      description: 'The amount as an exact decimal string, for values a float cannot hold.',
      resolve: (money) => money.amount.toFixed(),
    }),
    currency: t.exposeString('currency', { description: 'ISO 4217 code.' }),
    text: t.exposeString('text', { description: 'The figure as printed, e.g. 2900億美元.' }),
  }),
});

export const RelatedReport = builder.prismaNode('RelatedReport', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    title: t.field({
      type: LocalizedText,
      description: "The report's title, after the byline.",
      resolve: (report) => localized(report, 'title'),
    }),
    author: t.field({
      type: LocalizedText,
      nullable: true,
      description: 'The byline as printed; null where the report carries none.',
      resolve: (report) => optionalLocalized(report, 'author'),
    }),
    authorDamaged: t.exposeBoolean('authorDamaged'),
    publisher: t.relation('publisher', { nullable: true, description: 'The publisher where the byline names one.' }),
    year: t.exposeInt('year', { nullable: true }),
    region: t.field({
      type: LocalizedText,
      nullable: true,
      description: 'The region the title covers, e.g. 全球 (global) or 中國 (China).',
      resolve: (report) => optionalLocalized(report, 'region'),
    }),
    excerpt: t.exposeString('excerpt', { nullable: true }),
    industries: t.field({
      type: [Industry],
      description: 'What the report is about.',
      select: (_args, _ctx, nestedSelection) => ({
        industries: { orderBy: { industryId: 'asc' }, select: { industry: nestedSelection(true) } },
      }),
      resolve: (report) => report.industries.map((link) => link.industry),
    }),
    marketSize: t.field({
      type: Money,
      nullable: true,
      description: 'The headline market size the title states, if any.',
      resolve: (r) =>
        r.marketSizeAmount && r.marketSizeCurrency && r.marketSizeText
          ? { amount: r.marketSizeAmount, currency: r.marketSizeCurrency, text: r.marketSizeText }
          : null,
    }),
    sources: t.relation('quotes', sourcesField),
    revisions: t.connection(revisionsOf('RelatedReport'), RevisionConnection),
  }),
});

export const RelatedReportConnection = builder.connectionObject({
  type: RelatedReport,
  name: 'RelatedReportConnection',
});

const reportOrder = { through: 'report', orderBy: ['position', 'id'] } as const;
const reportsOfIndustry = pageOf<Rows.RelatedReport>('Industry', 'relatedReports', reportOrder);
const reportsBeneathIndustry = pageOf<Rows.RelatedReport>('Industry', 'relatedReports', {
  ...reportOrder,
  beneath: 'parent',
});

builder.prismaObjectFields('Industry', (t) => ({
  relatedReports: t.connection(
    {
      type: RelatedReport,
      description:
        'Related reports about this industry and, unless includeNarrower is false, about every industry beneath it: each report once, in the order the article lists them.',
      args: {
        includeNarrower: t.arg.boolean({
          defaultValue: true,
          description: 'Whether reports about the industries beneath this one count too.',
        }),
      },
      resolve: (industry, args, ctx, info) =>
        (args.includeNarrower === false ? reportsOfIndustry : reportsBeneathIndustry)(industry, args, ctx, info),
    },
    RelatedReportConnection,
  ),
}));

builder.prismaObjectFields('Commitment', (t) => ({
  relatedReports: t.connection(
    {
      type: RelatedReport,
      description:
        "Related reports about the commitment's industries and the industries beneath them: each report once, in the order the article lists them.",
      resolve: pageOf<Rows.RelatedReport>('Industry', 'relatedReports', {
        ...reportOrder,
        beneath: 'parent',
        from: ['Commitment', 'industries'],
      }),
    },
    RelatedReportConnection,
  ),
}));

builder.queryFields((t) => ({
  relatedReports: t.prismaConnection(
    {
      type: 'RelatedReport',
      cursor: 'id',
      description: 'The reports listed under the article, in the order listed.',
      ...rootPage<Rows.RelatedReport>('RelatedReport', ['position', 'id']),
    },
    RelatedReportConnection,
  ),
}));
