import { brandWithType } from '@pothos/core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { pageSizes } from '../../config.js';
import { type Changes, inTransaction, record, type Tx } from '../../data/history.js';
import { loadRevisionPage, type PageArgs } from '../../data/page-loader.js';
import type { FeedOverflow, FeedRevision } from '../../data/revision-feed.js';
import type * as Rows from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { actorOf, type Context, requestLoader } from '../context.js';
import { userInputError } from '../errors.js';
import { decodeNodeId } from '../node-id.js';
import { delegateOf } from '../shared/connections.js';
import { federated } from '../shared/entities.js';
import { RevisionAction } from '../shared/enums.js';
import {
  entityIdOf,
  InUseError,
  NotFoundError,
  reasonOf,
  resultErrorOf,
  StaleVersionError,
  ValidationError,
} from '../shared/result-errors.js';

/** Revisions of API keys are the admins' to see, as the keys are. */
export const adminOnlyEntityTypes = ['ApiKey'];

/** The entity a revision changed, as it is now; loaded for every revision of the request in one statement per type. */
function loadEntity(ctx: Context, type: string, id: number) {
  const loader = requestLoader(ctx, `revision entity ${type}`, () => {
    const delegate = delegateOf(ctx, type);
    return new DataLoader<number, { id: number } | null>(async (ids) => {
      const rows = delegate ? ((await delegate.findMany({ where: { id: { in: [...ids] } } })) as { id: number }[]) : [];
      const byId = new Map(rows.map((row) => [row.id, brandWithType(row, type as never) ?? row]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  });
  return loader.load(id);
}

export const Revision = builder.prismaNode('Revision', {
  id: { field: 'id' },
  nullable: true,
  description: 'One recorded change of the graph. Revisions are never edited or erased.',
  authScopes: (revision) => !adminOnlyEntityTypes.includes(revision.entityType) || { admin: true },
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime', description: 'When the change was committed.' }),
    actor: t.exposeString('actor', {
      description: "Who made it: an API key's name, or ingest:<document key> for a document's curated data.",
    }),
    action: t.expose('action', { type: RevisionAction, description: 'What the revision did.' }),
    entity: t.field({
      type: builder.nodeInterfaceRef(),
      nullable: true,
      description: 'The entity changed; null once it is deleted.',
      resolve: async (revision, _args, ctx) => loadEntity(ctx, revision.entityType, revision.entityId),
    }),
    entityId: t.id({
      description: 'The global ID of the entity changed, also once it is deleted.',
      resolve: (revision) => encodeGlobalID(revision.entityType, revision.entityId),
    }),
    changes: t.expose('changes', {
      type: 'JSON',
      description: 'Field by field, what it was and what it became: { "field": { "before": …, "after": … } }.',
    }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why, in the words of whoever made it.' }),
    reverts: t.relation('reverts', { nullable: true, description: 'The revision this one undid, for action REVERT.' }),
  }),
});

federated(Revision, 'Revision');

export const RevisionConnection = builder.connectionObject({ type: Revision, name: 'RevisionConnection' });

/** Options of every entity's `revisions` field: its revisions, newest first, read for all entities of a page at once. */
export function revisionsOf(entityType: string) {
  return {
    type: Revision,
    description: `The revisions that changed this ${entityType.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase()}, newest first.`,
    resolve: (entity: { id: number }, args: PageArgs, ctx: Context) =>
      loadRevisionPage<Rows.Revision>(ctx.pages, entityType, entity.id, args, pageSizes),
  } as const;
}

builder.queryFields((t) => ({
  revisions: t.prismaConnection(
    {
      type: 'Revision',
      cursor: 'id',
      description: 'Every revision, newest first; since limits them to those made after an instant.',
      args: { since: t.arg({ type: 'DateTime', required: false, description: 'Only revisions made after this.' }) },
      totalCount: (_connection, { since }, ctx) => ctx.db.revision.count({ where: revisionsWhere(ctx, since) }),
      resolve: (query, _root, { since }, ctx) =>
        ctx.db.revision.findMany({ ...query, where: revisionsWhere(ctx, since), orderBy: { id: 'desc' } }),
    },
    RevisionConnection,
  ),
}));

/** A global ID argument as the row id it names, refused when it names another type or nothing. */
function idArgument(globalId: string, argumentName: string) {
  const { typename, id } = decodeNodeId(globalId);
  return { type: typename, id: Number(id), argumentName };
}

builder.subscriptionFields((t) => ({
  revisionAdded: t.field({
    type: Revision,
    nullable: false,
    description:
      'Each revision as its transaction commits, on whichever server instance made it; entityId narrows to one entity. after: the last revision id the client saw — every revision since is sent first, in order, then the live ones, none twice. Revisions come in the order of the transactions that wrote them (by the first write of each), then by id: id order unless writing transactions overlap. A subscriber more than FEED_BUFFER revisions behind is ended with SUBSCRIBER_TOO_SLOW: subscribe again with after.',
    args: {
      entityId: t.arg.id({ required: false, description: 'Only the revisions of this entity (any global ID).' }),
      after: t.arg.id({
        required: false,
        description: 'The last revision ID received: every revision since comes first, then the live ones.',
      }),
    },
    subscribe: async (_root, { entityId, after }, ctx) => {
      if (!ctx.feed) throw new GraphQLError('This server serves no subscriptions.');
      const hiddenTypes = ctx.viewer?.scopes.has('ADMIN') ? [] : adminOnlyEntityTypes;
      const entity = entityId == null ? undefined : idArgument(String(entityId), 'entityId');
      let afterId: number | undefined;
      if (after != null) {
        const revision = idArgument(String(after), 'after');
        if (revision.type !== 'Revision')
          throw userInputError(`"after" is ${revision.type}'s ID: give a Revision's.`, { argumentName: 'after' });
        afterId = revision.id;
      }
      const stream = await ctx.feed.subscribe({ hiddenTypes, entity }, afterId);
      if (!stream) throw userInputError('"after" names no revision.', { argumentName: 'after' });
      return stream;
    },
    resolve: (item: FeedRevision | FeedOverflow) => {
      if ('overflow' in item)
        throw new GraphQLError(
          `This subscription fell more than ${item.overflow} revisions behind and is ended: subscribe again with after set to the last revision ID received.`,
          { extensions: { code: 'SUBSCRIBER_TOO_SLOW' } },
        );
      return item;
    },
  }),
}));

function revisionsWhere(ctx: Context, since: Date | null | undefined) {
  return {
    at: since ? { gt: since } : undefined,
    entityType: ctx.viewer?.scopes.has('ADMIN') ? undefined : { notIn: adminOnlyEntityTypes },
  };
}

/** How revisions of one entity type are undone. */
interface Revertible {
  /** The entity's version now, null when it is gone. */
  version(tx: Tx, id: number): Promise<number | null>;
  /** Undoes `target` in `tx`; `write` records the REVERT revision with the changes it made, as made `by`. */
  revert(
    tx: Tx,
    target: Rows.Revision,
    write: (changes: Changes) => Promise<Rows.Revision>,
    by: { actor: string; reason: string | null },
  ): Promise<Rows.Revision>;
}

const revertibles = new Map<string, Revertible>();

/** Declares how revisions of `entityType` are undone; entity modules call it for their type. */
export function revertible(entityType: string, how: Revertible) {
  revertibles.set(entityType, how);
}

const RevertRevisionInput = builder.inputType('RevertRevisionInput', {
  description: 'A revision to undo.',
  fields: (t) => ({
    revisionId: t.id({ required: true, description: 'The Revision’s ID.' }),
    reason: t.string({ required: false, description: 'Why, for the history.' }),
  }),
});

const RevertRevisionSuccess = builder.objectRef<{ revision: Rows.Revision }>('RevertRevisionSuccess').implement({
  description: 'The revision undone.',
  fields: (t) => ({
    revision: t.field({
      type: Revision,
      nullable: false,
      description: 'The new revision that undid it.',
      resolve: (success) => success.revision,
    }),
  }),
});

builder.mutationFields((t) => ({
  revertRevision: t.field({
    type: RevertRevisionSuccess,
    authScopes: { curate: true },
    description:
      'Undoes a revision as a new one (action REVERT) (CURATE). Refused with StaleVersionError when a later revision changed the same fields: revert that one first.',
    args: { input: t.arg({ type: RevertRevisionInput, required: true }) },
    errors: {
      types: [ValidationError, NotFoundError, StaleVersionError, InUseError],
      union: { name: 'RevertRevisionResult', description: 'The revision that undid it, or why not.' },
    },
    resolve: async (_root, { input }, ctx) => {
      const globalId = String(input.revisionId);
      const id = entityIdOf(globalId, 'Revision', 'revisionId');
      const reason = reasonOf(input.reason);
      let revertedType = 'Revision';
      return inTransaction(ctx, async (tx) => {
        const target = await tx.revision.findUnique({ where: { id } });
        revertedType = target?.entityType ?? revertedType;
        if (!target || (adminOnlyEntityTypes.includes(target.entityType) && !ctx.viewer?.scopes.has('ADMIN')))
          throw new NotFoundError(globalId);
        const how = revertibles.get(target.entityType);
        if (!how)
          throw new ValidationError(
            'revisionId',
            target.entityType === 'ApiKey'
              ? 'API keys are revoked with revokeApiKey, not reverted.'
              : `Revisions of a ${target.entityType} cannot be reverted yet.`,
          );
        const fields = Object.keys(target.changes as Changes);
        const later = await tx.revision.findMany({
          where: { entityType: target.entityType, entityId: target.entityId, id: { gt: target.id } },
          select: { id: true, changes: true },
        });
        const overlapping = later.find((revision) => fields.some((field) => field in (revision.changes as Changes)));
        if (overlapping) {
          throw new StaleVersionError(
            (await how.version(tx, target.entityId)) ?? 0,
            `Revision ${encodeGlobalID('Revision', overlapping.id)} changed the same fields later: revert it first.`,
          );
        }
        const by = { actor: actorOf(ctx), reason };
        const write = (changes: Changes) =>
          record(tx, {
            ...by,
            action: 'REVERT',
            entityType: target.entityType,
            entityId: target.entityId,
            changes,
            revertsId: target.id,
          });
        return { revision: await how.revert(tx, target, write, by) };
      }).catch((error) => {
        throw resultErrorOf(error, revertedType, 'revisionId');
      });
    },
  }),
}));
