import type * as Rows from '../../generated/prisma/client.js';
import { CommitmentStatus as CommitmentStatusValues } from '../../generated/prisma/enums.js';
import { builder } from '../builder.js';
import { innerPageArgs } from '../cursors.js';
import { rootPage } from '../shared/connections.js';
import { editable, keyField, naturalKey, referenceTo } from '../shared/editing.js';
import { federated } from '../shared/entities.js';
import { AgreementPartyRole, CommitmentStatus } from '../shared/enums.js';
import { LocalizedText, LocalizedTextInput, localized, localizedColumns } from '../shared/localized-text.js';
import { ValidationError } from '../shared/result-errors.js';
import { Participation, participantsOf } from './official.js';
import { agreementsOfParty } from './party.js';
import { RevisionConnection, revisionsOf } from './revision.js';
import { quotedIn, sourcesField } from './source-document.js';

const CommitmentStatusCount = builder
  .objectRef<{ status: Rows.CommitmentStatus; count: number }>('CommitmentStatusCount')
  .implement({
    description: 'How many commitments stand at one status.',
    fields: (t) => ({
      status: t.expose('status', { type: CommitmentStatus, description: 'The status.' }),
      count: t.exposeInt('count', { description: 'How many commitments stand at it now.' }),
    }),
  });

export const Agreement = builder.prismaNode('Agreement', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    title: t.field({
      type: LocalizedText,
      description: "The agreement's name as printed.",
      resolve: (agreement) => localized(agreement, 'title'),
    }),
    year: t.exposeInt('year'),
    cooperationAreas: t.field({
      type: [LocalizedText],
      description: 'Each area of cooperation the agreement names, one entry per area, in the order given.',
      select: { cooperationAreas: { orderBy: { position: 'asc' } } },
      resolve: (agreement) => agreement.cooperationAreas.map((area) => localized(area, 'name')),
    }),
    parties: t.relation('parties', {
      query: { orderBy: { partyId: 'asc' } },
      description: 'The parties to it and their roles.',
    }),
    participants: t.field({
      type: [Participation],
      description: 'The officials who took part in the signing, and how.',
      resolve: (agreement, _args, ctx) => participantsOf(ctx, agreement.id),
    }),
    commitmentCounts: t.field({
      type: [CommitmentStatusCount],
      description: 'How many of its commitments stand at each status, every status listed: "3 of 14 fulfilled".',
      select: { commitments: { select: { status: true } } },
      resolve: (agreement) =>
        Object.values(CommitmentStatusValues).map((status) => ({
          status,
          count: agreement.commitments.filter((commitment) => commitment.status === status).length,
        })),
    }),
    sources: t.relation('quotes', sourcesField),
    version: t.exposeInt('version', { description: 'Incremented by every change; pass it back as expectedVersion.' }),
    revisions: t.connection(revisionsOf('Agreement'), RevisionConnection),
  }),
});

federated(Agreement, 'Agreement');

builder.prismaObject('AgreementParty', {
  fields: (t) => ({
    party: t.relation('party', { description: 'The party.' }),
    role: t.expose('role', { type: AgreementPartyRole, description: 'Its role in the agreement.' }),
  }),
});

export const AgreementConnection = builder.connectionObject({ type: Agreement, name: 'AgreementConnection' });

builder.prismaObjectField('Party', 'agreements', (t) =>
  t.connection(
    {
      type: Agreement,
      description: 'Agreements this party is a party to.',
      select: (args, ctx, nestedSelection) => ({
        // Planned with the parent's query, before the field's own resolver unwraps its cursors.
        agreements: agreementsOfParty.getQuery(innerPageArgs('Party.agreements', args), ctx, nestedSelection),
        _count: { select: { agreements: true } },
      }),
      resolve: (party, args, ctx) => ({
        ...agreementsOfParty.resolve(party.agreements, args, ctx),
        totalCount: party._count.agreements,
      }),
    },
    AgreementConnection,
  ),
);

builder.queryFields((t) => ({
  agreements: t.prismaConnection(
    {
      type: 'Agreement',
      cursor: 'id',
      description: 'The agreements the source reports, in a stable order.',
      ...rootPage<Rows.Agreement>('Agreement', ['id']),
    },
    AgreementConnection,
  ),
}));

const AgreementPartyInput = builder.inputType('AgreementPartyInput', {
  description: 'A party to an agreement and its role.',
  fields: (t) => ({
    partyId: t.id({ required: true, description: 'The party.' }),
    role: t.field({ type: AgreementPartyRole, required: true, description: 'Its role in the agreement.' }),
  }),
});

editable({
  model: 'Agreement',
  ref: Agreement as never,
  field: 'agreement',
  links: [
    { relation: 'parties', fields: ['partyId', 'role'] },
    { relation: 'cooperationAreas', fields: ['position', 'nameZhHant', 'nameZhHans', 'nameEn'] },
  ],
  inputFields: (t, creating) => ({
    ...keyField(t, creating),
    title: t.field({ type: LocalizedTextInput, required: creating, description: "The agreement's name as printed." }),
    year: t.int({ required: creating, description: 'The year the agreement covers.' }),
    parties: t.field({
      type: [AgreementPartyInput],
      required: false,
      description: 'The parties to it and their roles; replaces the list.',
    }),
    cooperationAreas: t.field({
      type: [LocalizedTextInput],
      required: false,
      description: 'The areas of cooperation it names, in order; replaces the list.',
    }),
  }),
  toEdit: async (input, tx, creating) => {
    const columns: Record<string, unknown> = localizedColumns('title', input.title, 'title');
    if (creating) columns.key = naturalKey('Agreement', input);
    const links: Record<string, Record<string, unknown>[]> = {};
    const parties = input.parties as { partyId: string; role: string }[] | null | undefined;
    if (parties != null) {
      links.parties = [];
      for (const [i, { partyId, role }] of parties.entries()) {
        const id = await referenceTo(tx, 'Party', partyId, `parties.${i}.partyId`);
        if (links.parties.some((party) => party.partyId === id && party.role === role))
          throw new ValidationError(`parties.${i}`, 'The party is named twice in that role.');
        links.parties.push({ partyId: id, role });
      }
    }
    const areas = input.cooperationAreas as unknown[] | null | undefined;
    if (areas != null)
      links.cooperationAreas = areas.map((area, position) => ({
        position,
        ...localizedColumns('name', area, `cooperationAreas.${position}`),
      }));
    if (input.year != null) {
      const year = input.year as number;
      if (year < 1949 || year > new Date().getUTCFullYear() + 10)
        throw new ValidationError('year', `A year from 1949 to ${new Date().getUTCFullYear() + 10}.`);
      columns.year = year;
    }
    return { columns, links };
  },
});

builder.prismaObjectField('SourceDocument', 'agreements', (t) =>
  t.field({
    type: [Agreement],
    description: 'The agreements the document is the source of.',
    resolve: quotedIn<Rows.Agreement>('Agreement'),
  }),
);
