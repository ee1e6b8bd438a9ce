import { decodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';

export const nodeTypes = new Set([
  'Agreement',
  'Party',
  'Official',
  'Commitment',
  'Industry',
  'RelatedReport',
  'SourceDocument',
  'SourceQuote',
  'Position',
  'Participation',
  'Target',
  'Revision',
  'ApiKey',
]);

/** Decodes a global ID, refusing anything that is not one with a clean BAD_USER_INPUT error. */
export function decodeNodeId(globalID: string): { typename: string; id: string } {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalID);
  } catch {
    decoded = { typename: '', id: '' };
  }
  if (!nodeTypes.has(decoded.typename) || !/^[1-9]\d{0,8}$/.test(decoded.id)) {
    throw new GraphQLError(`"${globalID.slice(0, 100)}" is not a valid ID: use an id returned by this API.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return decoded;
}
