import {
  AgreementPartyRole as AgreementPartyRoleValues,
  CommitmentStatus as CommitmentStatusValues,
  ParticipationRole as ParticipationRoleValues,
  PartyKind as PartyKindValues,
  RevisionAction as RevisionActionValues,
  Scope as ScopeValues,
} from '../../generated/prisma/enums.js';
import { builder } from '../builder.js';

export const PartyKind = builder.enumType(PartyKindValues, {
  name: 'PartyKind',
  description: 'What kind of organisation a party is.',
});
export const AgreementPartyRole = builder.enumType(AgreementPartyRoleValues, {
  name: 'AgreementPartyRole',
  description: "A party's role in an agreement.",
});
export const ParticipationRole = builder.enumType(ParticipationRoleValues, {
  name: 'ParticipationRole',
  description: "An official's part in the signing event.",
});
export const CommitmentStatus = builder.enumType(CommitmentStatusValues, {
  name: 'CommitmentStatus',
  description: 'Where a commitment stands. The source reports pledges only.',
});
export const RevisionAction = builder.enumType(RevisionActionValues, {
  name: 'RevisionAction',
  description: 'What a revision did to its entity.',
});
export const Scope = builder.enumType(ScopeValues, {
  name: 'Scope',
  description: 'What a token may do beyond reading, which is public.',
  values: {
    CURATE: {
      description: 'Create, correct and delete entities, documents and quotes; set commitment status; revert.',
    },
    ADMIN: { description: 'Everything CURATE may, and mint or revoke API keys.' },
  },
});
