import { encodeGlobalID } from '@pothos/plugin-relay';
import { NothingToChange, RowInUse, RowMissing, VersionMismatch } from '../../data/editing.js';
import { Prisma } from '../../generated/prisma/client.js';
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

/** A delete refused because other rows refer to the entity. */
export class InUseError extends Error {
  constructor(
    readonly references: { relation: string; count: number }[],
    message: string,
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

const InUseReference = builder.objectRef<{ relation: string; count: number }>('InUseReference').implement({
  description: 'Rows that refer to an entity through one relation.',
  fields: (t) => ({
    relation: t.exposeString('relation', { description: 'The relation, as the entity names it (positions, quotes).' }),
    count: t.exposeInt('count', { description: 'How many rows refer to it through the relation.' }),
  }),
});

builder.objectType(InUseError, {
  name: 'InUseError',
  description: 'A delete refused while other rows refer to the entity; nothing was written.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    references: t.field({
      type: [InUseReference],
      description: 'What refers to it: delete or move these first.',
      resolve: (error) => error.references,
    }),
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

/** A required text of an input, trimmed and checked: non-empty, no control characters. */
export function requiredText(field: string, value: unknown, maxLength = textLimit): string {
  const text = optionalText(field, value, maxLength);
  if (!text) throw new ValidationError(field, 'Must not be empty.');
  return text;
}

/**
 * Names and texts are searched and indexed: 500 characters keep a Chinese text's search term within what a
 * PostgreSQL index entry holds.
 */
const textLimit = 500;

/** An optional text of an input: null when empty. */
export function optionalText(field: string, value: unknown, maxLength = textLimit): string | null {
  if (value == null) return null;
  const text = plainText(field, String(value)).trim();
  if (text.length > maxLength) throw new ValidationError(field, `At most ${maxLength} characters.`);
  return text || null;
}

/** A place among siblings, from 0 as the seed counts them. */
export function positionOf(position: number, field = 'position'): number {
  if (position < 0) throw new ValidationError(field, 'Places count from 0.');
  return position;
}

/** A change's reason for the history: trimmed, at most 2 000 characters, null when empty. */
export function reasonOf(reason: string | null | undefined): string | null {
  const trimmed = plainText('reason', reason ?? '').trim();
  if (trimmed.length > 2000) throw new ValidationError('reason', 'A reason is at most 2 000 characters.');
  return trimmed || null;
}

/** A model's name as words: related report for RelatedReport. */
export const words = (model: string) => model.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();

/** The typed error a mutation answers for what the data layer refused; anything else goes on as it was. */
export function resultErrorOf(error: unknown, model: string, field = 'id'): unknown {
  if (error instanceof RowMissing) return new NotFoundError(encodeGlobalID(error.model, error.id));
  if (error instanceof VersionMismatch) return new StaleVersionError(error.current);
  if (error instanceof NothingToChange)
    return new ValidationError('input', 'Nothing to change: every field given already has that value.');
  if (error instanceof RowInUse)
    return new InUseError(
      error.references,
      `Other rows refer to the ${words(model)}: ${error.message}. Delete or move them first.`,
    );
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    const fields = uniqueFieldsOf(error);
    return new ValidationError(
      field === 'revisionId' ? field : (fields.find((name) => !name.endsWith('Id')) ?? fields[0] ?? field),
      `Another ${words(model)} has the same ${fields.join(', ') || 'key'} already.`,
    );
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003')
    return new ValidationError(field, 'A row it refers to is gone.');
  return error;
}

/**
 * The fields of the unique constraint a write broke, as the driver adapter reports them: by field (PGlite's) or
 * by the index Prisma named <Model>_<field>_…_key (node-postgres').
 */
function uniqueFieldsOf(error: Prisma.PrismaClientKnownRequestError): string[] {
  const meta = error.meta as
    | { driverAdapterError?: { cause?: { constraint?: { fields?: unknown; index?: unknown } } } }
    | undefined;
  const constraint = meta?.driverAdapterError?.cause?.constraint;
  if (Array.isArray(constraint?.fields)) return constraint.fields.map((name) => String(name).replace(/"/g, ''));
  const index = typeof constraint?.index === 'string' ? /^[A-Za-z]+_(.+)_key$/.exec(constraint.index) : null;
  return index?.[1]?.split('_') ?? [];
}
