import type * as Rows from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { pageOf, rootPage } from '../shared/connections.js';
import { editable, keyField, naturalKey, referenceTo } from '../shared/editing.js';
import { federated } from '../shared/entities.js';
import {
  LocalizedText,
  LocalizedTextInput,
  localized,
  localizedColumns,
  optionalLocalized,
} from '../shared/localized-text.js';
import { optionalText, positionOf, ValidationError } from '../shared/result-errors.js';
import { Industry } from './industry.js';
import { RevisionConnection, revisionsOf } from './revision.js';
import { quotedIn, sourcesField } from './source-document.js';

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
    version: t.exposeInt('version', { description: 'Incremented by every change; pass it back as expectedVersion.' }),
    revisions: t.connection(revisionsOf('RelatedReport'), RevisionConnection),
  }),
});

federated(RelatedReport, 'RelatedReport');

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

const MoneyInput = builder.inputType('MoneyInput', {
  description: 'An amount of money as the source states it.',
  fields: (t) => ({
    amount: t.string({ required: true, description: 'The amount as an exact decimal, e.g. "290000000000".' }),
    currency: t.string({ required: true, description: 'ISO 4217 code, e.g. USD.' }),
    text: t.string({ required: true, description: 'The figure as printed, e.g. 2900億美元.' }),
  }),
});

editable({
  model: 'RelatedReport',
  ref: RelatedReport as never,
  field: 'relatedReport',
  links: [{ relation: 'industries', fields: ['industryId'] }],
  inputFields: (t, creating) => ({
    industryIds: t.idList({ required: false, description: 'The industries it is listed under; replaces the list.' }),
    ...keyField(t, creating),
    position: t.int({ required: creating, description: 'Its place in the listing, from 0.' }),
    title: t.field({
      type: LocalizedTextInput,
      required: creating,
      description: "The report's title, after the byline.",
    }),
    author: t.field({ type: LocalizedTextInput, required: false, description: 'The byline; null removes it.' }),
    authorDamaged: t.boolean({
      required: false,
      description: 'True where conversion damage made part of the byline unreadable.',
    }),
    publisherId: t.id({ required: false, description: 'Who published it (a party); null removes it.' }),
    year: t.int({ required: false, description: 'The year the title is about; null removes it.' }),
    region: t.field({
      type: LocalizedTextInput,
      required: false,
      description: 'The region the title covers; null removes it.',
    }),
    marketSize: t.field({
      type: MoneyInput,
      required: false,
      description: 'The headline market size the title states; null removes it.',
    }),
    excerpt: t.string({ required: false, description: 'The teaser text the listing shows; null removes it.' }),
  }),
  toEdit: async (input, tx, creating) => {
    const columns: Record<string, unknown> = {
      ...localizedColumns('title', input.title, 'title'),
      ...localizedColumns('author', input.author, 'author', { pinyin: 'person', optional: true }),
      ...localizedColumns('region', input.region, 'region', { optional: true }),
    };
    if (creating) columns.key = naturalKey('RelatedReport', input);
    const industryIds = input.industryIds as string[] | null | undefined;
    const links: Record<string, Record<string, unknown>[]> = {};
    if (industryIds != null)
      links.industries = await Promise.all(
        [...new Set(industryIds)].map(async (id, i) => ({
          industryId: await referenceTo(tx, 'Industry', id, `industryIds.${i}`),
        })),
      );
    if (input.position != null) columns.position = positionOf(input.position as number);
    if (input.authorDamaged != null) columns.authorDamaged = input.authorDamaged;
    if (input.publisherId === null) columns.publisherId = null;
    else if (input.publisherId !== undefined)
      columns.publisherId = await referenceTo(tx, 'Party', input.publisherId, 'publisherId');
    if (input.year !== undefined) columns.year = input.year;
    if (input.excerpt !== undefined) columns.excerpt = optionalText('excerpt', input.excerpt, 5000);
    if (input.marketSize === null)
      Object.assign(columns, { marketSizeAmount: null, marketSizeCurrency: null, marketSizeText: null });
    else if (input.marketSize !== undefined) {
      const money = input.marketSize as { amount: string; currency: string; text: string };
      if (!/^\d{1,22}(\.\d{1,2})?$/.test(money.amount))
        throw new ValidationError('marketSize.amount', 'An exact decimal with at most 2 places, e.g. "290000000000".');
      if (!/^[A-Z]{3}$/.test(money.currency))
        throw new ValidationError('marketSize.currency', 'An ISO 4217 code, e.g. USD.');
      Object.assign(columns, {
        marketSizeAmount: money.amount,
        marketSizeCurrency: money.currency,
        marketSizeText: optionalText('marketSize.text', money.text) ?? money.amount,
      });
    }
    return { columns, links };
  },
});

builder.prismaObjectField('SourceDocument', 'relatedReports', (t) =>
  t.field({
    type: [RelatedReport],
    description: 'The related reports the document is the source of.',
    resolve: quotedIn<Rows.RelatedReport>('RelatedReport'),
  }),
);
