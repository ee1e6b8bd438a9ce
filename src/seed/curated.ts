import { z } from 'zod';

const nonEmpty = z.string().trim().min(1);

/**
 * A quote is a verbatim span of the cleaned article. A plain string must occur exactly once;
 * a span that occurs more than once names which occurrence (0-based) it means.
 */
export const quoteSchema = z.union([nonEmpty, z.tuple([nonEmpty, z.number().int().min(0)])]);

/**
 * A name or text in four forms. Simplified Chinese is converted by OpenCC and pinyin made by
 * pinyin-pro at seed time; `zhHans` or a string `pinyin` here is a reviewed correction of what
 * the library gets wrong. `pinyin: true` asks for the library's pinyin (people and places only).
 */
export const textSchema = z
  .object({
    zhHant: nonEmpty,
    en: nonEmpty,
    zhHans: nonEmpty.optional(),
    pinyin: z.union([z.literal(true), nonEmpty]).optional(),
  })
  .strict();

const key = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'keys are kebab-case');
const quotes = z.array(quoteSchema).min(1);
/** Why the data says what it says, where the text leaves a choice: for the people who curate it. */
const note = nonEmpty.optional();

export const partyKinds = [
  'GOVERNMENT',
  'GOVERNMENT_AGENCY',
  'PARTY_COMMITTEE',
  'DEVELOPMENT_ZONE',
  'INDUSTRY_CLUSTER',
  'STANDARDS_BODY',
  'INSPECTION_CENTER',
  'RESEARCH_INSTITUTE',
  'MEDIA',
  'OTHER',
] as const;
export const participationRoles = ['SIGNED', 'PRESIDED', 'ATTENDED', 'SPOKE', 'REPORTED'] as const;

export const curatedSchema = z
  .object({
    document: z.object({ key, title: textSchema, publisher: key, commentCount: z.number().int().min(0) }).strict(),
    parties: z.array(
      z.object({ key, name: textSchema, aliases: z.array(nonEmpty), kind: z.enum(partyKinds), quotes }).strict(),
    ),
    officials: z.array(
      z
        .object({
          key,
          name: textSchema,
          positions: z.array(z.object({ organization: key, title: textSchema }).strict()).min(1),
          quotes,
        })
        .strict(),
    ),
    agreement: z
      .object({
        key,
        title: textSchema,
        year: z.number().int(),
        note,
        cooperationAreas: z.array(textSchema).min(1),
        signatories: z.array(key).min(1),
        participants: z.array(
          z
            .object({
              official: key,
              roles: z.array(z.enum(participationRoles)).min(1),
              capacity: textSchema.optional(),
              quotes,
            })
            .strict(),
        ),
        quotes,
      })
      .strict()
      .optional(),
    industries: z.array(z.object({ key, name: textSchema, parent: key.optional(), note, quotes }).strict()),
    commitments: z.array(
      z
        .object({
          key,
          text: textSchema,
          committedBy: z.array(key).min(1),
          beneficiaries: z.array(key),
          industries: z.array(key),
          targets: z.array(
            z.object({ quantity: z.number().positive(), unit: textSchema, description: textSchema }).strict(),
          ),
          status: z.enum(['PLEDGED', 'IN_PROGRESS', 'FULFILLED', 'LAPSED']),
          quotes,
        })
        .strict(),
    ),
    relatedReports: z.array(
      z
        .object({
          key,
          note,
          title: textSchema,
          author: textSchema.optional(),
          authorDamaged: z.boolean().optional(),
          publisher: key.optional(),
          year: z.number().int().optional(),
          region: textSchema.optional(),
          marketSize: z
            .object({
              amount: z.string().regex(/^\d+(\.\d+)?$/, 'an exact decimal, e.g. "290000000000"'),
              currency: z.string().regex(/^[A-Z]{3}$/),
              text: nonEmpty,
            })
            .strict()
            .optional(),
          excerpt: nonEmpty.optional(),
          industries: z.array(key),
          quotes,
        })
        .strict(),
    ),
  })
  .strict();

export type Curated = z.infer<typeof curatedSchema>;
export type CuratedText = z.infer<typeof textSchema>;
export type CuratedQuote = z.infer<typeof quoteSchema>;
