import { builder } from '../builder.js';
import { decodeNodeId } from '../node-id.js';

/** An input that breaks a rule; `field` is its dotted path in the input (evidence.text). */
export class ValidationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** An ID that names nothing (any more). */
export class NotFoundError extends Error {
  constructor(
    readonly id: string,
    message = `Nothing has the ID ${id.slice(0, 100)}: it may have been deleted.`,
  ) {
    super(message);
  }
}

/** The entity changed since the caller read it. */
export class StaleVersionError extends Error {
  constructor(
    readonly currentVersion: number,
    message = `The entity changed since you read it: it is at version ${currentVersion}; read it again and retry.`,
  ) {
    super(message);
  }
}

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'What a mutation answers instead of its result when the request was understood but cannot be done.',
  fields: (t) => ({ message: t.exposeString('message', { description: 'What went wrong and how to fix it.' }) }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'An input that breaks a rule; nothing was written.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The input field at fault, as a dotted path (evidence.text).' }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'An ID names no entity; nothing was written.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ id: t.exposeID('id', { description: 'The ID that names nothing.' }) }),
});

builder.objectType(StaleVersionError, {
  name: 'StaleVersionError',
  description: 'The entity changed since the caller read it; nothing was written.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    currentVersion: t.exposeInt('currentVersion', { description: 'The version to read the entity at and retry with.' }),
  }),
});

/** The row id of a global ID of `typename` given in input field `field`, or the typed error a mutation answers. */
export function entityIdOf(globalId: string, typename: string, field: string): number {
  let decoded: { typename: string; id: string } | null = null;
  try {
    decoded = decodeNodeId(globalId);
  } catch {
    throw new ValidationError(field, `${JSON.stringify(globalId.slice(0, 100))} is not an ID this API gave out.`);
  }
  if (decoded.typename !== typename)
    throw new ValidationError(field, `Expected the ID of a ${typename}, got the ID of a ${decoded.typename}.`);
  return Number(decoded.id);
}

const kept = new Set([0x09, 0x0a, 0x0d]);
const isControl = (char: string) => {
  const code = char.charCodeAt(0);
  return code < 0x20 && !kept.has(code);
};

/** Refuses text the database cannot store (U+0000) or that no source prints (other C0 controls but tab and newlines). */
export function plainText(field: string, value: string): string {
  if ([...value].some(isControl))
    throw new ValidationError(field, 'The text holds control characters: only tabs and line breaks are kept.');
  return value;
}

/** A change's reason for the history: trimmed, at most 2 000 characters, null when empty. */
export function reasonOf(reason: string | null | undefined): string | null {
  const trimmed = plainText('reason', reason ?? '').trim();
  if (trimmed.length > 2000) throw new ValidationError('reason', 'A reason is at most 2 000 characters.');
  return trimmed || null;
}
