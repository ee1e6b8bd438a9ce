import {
  AgreementPartyRole as AgreementPartyRoleValues,
  CommitmentStatus as CommitmentStatusValues,
  ParticipationRole as ParticipationRoleValues,
  PartyKind as PartyKindValues,
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
