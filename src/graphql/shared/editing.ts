import { randomBytes } from 'node:crypto';
import type { InputFieldRef, ObjectRef } from '@pothos/core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { type Author, delegateOf, type Edit, type LinkSpec, type Row, RowEditor } from '../../data/editing.js';
import { type Changes, inTransaction, type Tx } from '../../data/history.js';
import { replaceSearchTerms, type SearchableModel, searchTermsOf, searchTypes } from '../../data/search-terms.js';
import type * as Rows from '../../generated/prisma/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { actorOf, type Context } from '../context.js';
import { Revision, revertible } from '../types/revision.js';
import {
  entityIdOf,
  InUseError,
  NotFoundError,
  reasonOf,
  resultErrorOf,
  StaleVersionError,
  ValidationError,
  words,
} from './result-errors.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type InputFields = PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>;
type Input = Record<string, unknown>;

export interface EditableOptions {
  model: Prisma.ModelName;
  /** The entity's object type, answered in the payloads. */
  ref: ObjectRef<Types, never>;
  /** The payload field naming the entity: `party` in CreatePartySuccess.party. */
  field: string;
  /** The relations whose links are the entity's own fields (a commitment's parties, an agreement's parties and roles). */
  links?: LinkSpec[];
  /** The input fields of a create (`creating`) or an update (all optional then: what is left out stays). */
  inputFields: (t: InputFields, creating: boolean) => Record<string, InputFieldRef<Types, unknown>>;
  /** The columns and links an input asks for, checked: ValidationError and NotFoundError name the input field. */
  toEdit: (input: Input, tx: Tx, creating: boolean) => Promise<Edit>;
  /** Rules the row must keep once written (a taxonomy without cycles); throws to undo the whole mutation. */
  check?: (tx: Tx, row: Row) => Promise<void>;
  /** Undoes the revisions another mutation made its own way (a status change); null leaves the rest to the generic revert. */
  revert?: (
    tx: Tx,
    target: Rows.Revision,
    write: (changes: Changes) => Promise<Rows.Revision>,
  ) => Promise<Rows.Revision | null>;
  /** False where the entity is made by another mutation (addSourceDocument). */
  creatable?: boolean;
}

const rethrow = (model: string, field?: string) => (error: unknown) => {
  throw resultErrorOf(error, model, field);
};

/**
 * Declares the create, update and delete mutations of an entity (createParty, updateParty, deleteParty),
 * each one input, a result union of its payload and typed errors, one transaction holding the change and
 * its revision, and the revert of its revisions.
 */
export function editable(options: EditableOptions) {
  const { model, ref, field } = options;
  const editor = new RowEditor(model, options.links);
  const noun = words(model);
  const author = (ctx: Context, input: Input): Author => ({
    actor: actorOf(ctx),
    reason: reasonOf(input.reason as string | null),
  });
  const entity = (row: Row) => {
    const columns: Row = { ...row };
    for (const link of options.links ?? []) delete columns[typeof link === 'string' ? link : link.relation];
    return columns;
  };
  // Search terms follow the row in the same transaction, as seeding writes them.
  const derive = async (tx: Tx, row: Row | null, id: number) => {
    if (!(model in searchTypes)) return;
    const searchable = model as SearchableModel;
    const terms = row ? searchTermsOf(searchable, row) : [];
    await replaceSearchTerms(tx, terms, new Map([[searchTypes[searchable], [id]]]));
  };
  const written = async (tx: Tx, row: Row) => {
    await options.check?.(tx, row);
    await derive(tx, row, row.id);
  };
  const reasonField = (t: InputFields) => t.string({ required: false, description: 'Why, for the history.' });
  const versionField = (t: InputFields) =>
    t.int({ required: true, description: 'The version the change was made against: the entity’s version as read.' });

  const Payload = (name: string, what: string) =>
    builder.objectRef<{ row: Row; revision: Rows.Revision }>(name).implement({
      description: what,
      fields: (t) => ({
        [field]: t.field({
          type: ref,
          description: `The ${noun} as written.`,
          resolve: ({ row }) => entity(row) as never,
        }),
        revision: t.field({
          type: Revision,
          nullable: false,
          description: 'The revision that records the change.',
          resolve: ({ revision }) => revision,
        }),
      }),
    });

  const UpdateInput = builder.inputType(`Update${model}Input`, {
    description: `A correction of a ${noun}: the fields given replace its values; those left out stay.`,
    fields: (t) => ({
      id: t.id({ required: true, description: `The ${noun}’s ID.` }),
      expectedVersion: versionField(t),
      ...options.inputFields(t, false),
      reason: reasonField(t),
    }),
  });
  const DeleteInput = builder.inputType(`Delete${model}Input`, {
    description: `A ${noun} to delete; refused while other rows refer to it.`,
    fields: (t) => ({
      id: t.id({ required: true, description: `The ${noun}’s ID.` }),
      expectedVersion: versionField(t),
      reason: reasonField(t),
    }),
  });
  const UpdateSuccess = Payload(`Update${model}Success`, `The ${noun} as corrected, and the revision that records it.`);
  const DeleteSuccess = builder.objectRef<{ row: Row; revision: Rows.Revision }>(`Delete${model}Success`).implement({
    description: `The ${noun} deleted, and the revision that holds it whole.`,
    fields: (t) => ({
      deletedId: t.id({
        description: `The deleted ${noun}’s ID.`,
        resolve: ({ row }) => encodeGlobalID(model, row.id),
      }),
      revision: t.field({
        type: Revision,
        nullable: false,
        description: `The DELETE revision, holding the ${noun} whole.`,
        resolve: ({ revision }) => revision,
      }),
    }),
  });

  const idOf = (input: Input) => entityIdOf(String(input.id), model, 'id');

  builder.mutationFields((t) => ({
    ...(options.creatable === false
      ? {}
      : {
          [`create${model}`]: t.field({
            type: Payload(`Create${model}Success`, `The ${noun} created, and the revision that records it.`),
            authScopes: { curate: true },
            description: `Creates a ${noun} (CURATE).`,
            args: {
              input: t.arg({
                type: builder.inputType(`Create${model}Input`, {
                  description: `A new ${noun}.`,
                  fields: (t) => ({ ...options.inputFields(t, true), reason: reasonField(t) }),
                }),
                required: true,
              }),
            },
            errors: {
              types: [ValidationError, NotFoundError],
              union: { name: `Create${model}Result`, description: `The ${noun} created, or why not.` },
            },
            resolve: (_root, { input }, ctx) =>
              inTransaction(ctx, async (tx) => {
                const done = await editor.create(tx, author(ctx, input), await options.toEdit(input, tx, true));
                await written(tx, done.row);
                return done;
              }).catch(rethrow(model, 'key')),
          }),
        }),
    [`update${model}`]: t.field({
      type: UpdateSuccess,
      authScopes: { curate: true },
      description: `Corrects a ${noun} (CURATE); refused with StaleVersionError unless expectedVersion is its version.`,
      args: { input: t.arg({ type: UpdateInput, required: true }) },
      errors: {
        types: [ValidationError, NotFoundError, StaleVersionError],
        union: { name: `Update${model}Result`, description: `The ${noun} corrected, or why not.` },
      },
      resolve: (_root, { input }, ctx) => {
        const id = idOf(input);
        return inTransaction(ctx, async (tx) => {
          const edit = await options.toEdit(input, tx, false);
          const done = await editor.update(tx, author(ctx, input), id, input.expectedVersion, edit);
          await written(tx, done.row);
          return done;
        }).catch(rethrow(model));
      },
    }),
    [`delete${model}`]: t.field({
      type: DeleteSuccess,
      authScopes: { curate: true },
      description: `Deletes a ${noun} (CURATE): the revision holds it whole, so revertRevision brings it back.`,
      args: { input: t.arg({ type: DeleteInput, required: true }) },
      errors: {
        types: [ValidationError, NotFoundError, StaleVersionError, InUseError],
        union: { name: `Delete${model}Result`, description: `The ${noun} deleted, or why not.` },
      },
      resolve: (_root, { input }, ctx) => {
        const id = idOf(input);
        return inTransaction(ctx, async (tx) => {
          const done = await editor.delete(tx, author(ctx, input), id, input.expectedVersion);
          await derive(tx, null, id);
          return done;
        }).catch(rethrow(model));
      },
    }),
  }));

  revertible(model, {
    version: (tx, id) => editor.version(tx, id),
    revert: async (tx, target, write, by) => {
      const special = await options.revert?.(tx, target, write);
      if (special) return special;
      const revision = await editor.revert(tx, by.actor, by.reason, target);
      const row = await delegateOf(tx, model).findUnique({ where: { id: target.entityId } });
      if (row) await written(tx, row);
      else await derive(tx, null, target.entityId);
      return revision;
    },
  });
  return editor;
}

/** The row id of an entity an input refers to by global ID, which must exist. */
export async function referenceTo(tx: Tx, model: Prisma.ModelName, globalId: unknown, field: string) {
  const id = entityIdOf(String(globalId), model, field);
  const row = await delegateOf(tx, model).findUnique({ where: { id }, select: { id: true } });
  if (!row) throw new NotFoundError(String(globalId));
  return id;
}

const kebab = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The input field of an entity's natural key, given on create only. */
export const keyField = (t: InputFields, creating: boolean): Record<string, InputFieldRef<Types, unknown>> =>
  creating
    ? {
        key: t.string({
          required: false,
          description:
            'A stable natural key in kebab-case, matched when a document names the same entity; made up when left out.',
        }),
      }
    : {};

/** The natural key an input gives, checked, or one made up: `<model>-<8 hex digits>`. */
export function naturalKey(model: string, input: Input): string {
  if (input.key == null) return `${words(model).replace(/ /g, '-')}-${randomBytes(4).toString('hex')}`;
  const key = String(input.key);
  if (key.length > 100 || !kebab.test(key))
    throw new ValidationError(
      'key',
      'A key is lower-case letters and digits in words joined by dashes, at most 100 characters.',
    );
  return key;
}
