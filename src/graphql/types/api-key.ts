import { mintToken } from '../../data/api-keys.js';
import { inTransaction, record } from '../../data/history.js';
import type * as Rows from '../../generated/prisma/client.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { Scope as ScopeName } from '../../generated/prisma/enums.js';
import { builder } from '../builder.js';
import { actorOf } from '../context.js';
import { Scope } from '../shared/enums.js';
import { entityIdOf, NotFoundError, ValidationError } from '../shared/result-errors.js';
import { RevisionConnection, revisionsOf } from './revision.js';

export const ApiKey = builder.prismaNode('ApiKey', {
  id: { field: 'id' },
  nullable: true,
  description: 'A bearer token’s record, visible to ADMIN only. The token itself is never stored.',
  authScopes: { admin: true },
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Unique; the actor of the revisions the key makes.' }),
    scopes: t.expose('scopes', { type: [Scope], description: 'What the key may do beyond reading.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was minted.' }),
    revokedAt: t.expose('revokedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was revoked; from then on the token is refused.',
    }),
    revisions: t.connection(revisionsOf('ApiKey'), RevisionConnection),
  }),
});

const ApiKeyConnection = builder.connectionObject({ type: ApiKey, name: 'ApiKeyConnection' });

builder.queryFields((t) => ({
  apiKeys: t.prismaConnection(
    {
      type: 'ApiKey',
      cursor: 'id',
      authScopes: { admin: true },
      description: 'Every API key, revoked ones too, oldest first (ADMIN).',
      totalCount: (_connection, _args, ctx) => ctx.db.apiKey.count(),
      resolve: (query, _root, _args, ctx) => ctx.db.apiKey.findMany({ ...query, orderBy: { id: 'asc' } }),
    },
    ApiKeyConnection,
  ),
}));

/** Names that revisions use for actors other than API keys. */
const reservedNames = /^(admin-token|ingest|jwt)$/i;

function validName(name: string) {
  const trimmed = name.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}[A-Za-z0-9]$|^[A-Za-z0-9]$/.test(trimmed) || reservedNames.test(trimmed)) {
    throw new ValidationError(
      'name',
      'A key’s name is 1 to 64 letters, digits, spaces, dots, dashes or underscores, starting and ending with a letter or digit, and not admin-token, ingest or jwt.',
    );
  }
  return trimmed;
}

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  description: 'A key to mint.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Unique; revisions made with the key name it as their actor.' }),
    scopes: t.field({ type: [Scope], required: true, description: 'At least one.' }),
  }),
});

const CreateApiKeySuccess = builder.objectRef<{ apiKey: Rows.ApiKey; token: string }>('CreateApiKeySuccess').implement({
  description: 'The key minted, and its token.',
  fields: (t) => ({
    apiKey: t.field({ type: ApiKey, description: 'The key’s record.', resolve: (success) => success.apiKey }),
    token: t.exposeString('token', { description: 'The bearer token; shown this once and stored only as a hash.' }),
  }),
});

const RevokeApiKeyInput = builder.inputType('RevokeApiKeyInput', {
  description: 'A key to revoke.',
  fields: (t) => ({ apiKeyId: t.id({ required: true, description: 'The ApiKey’s ID.' }) }),
});

const RevokeApiKeySuccess = builder.objectRef<{ apiKey: Rows.ApiKey }>('RevokeApiKeySuccess').implement({
  description: 'The key revoked.',
  fields: (t) => ({
    apiKey: t.field({ type: ApiKey, description: 'Its record, with revokedAt.', resolve: (success) => success.apiKey }),
  }),
});

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreateApiKeySuccess,
    authScopes: { admin: true },
    description: 'Mints a bearer token with the given scopes (ADMIN). The token is in the answer and nowhere else.',
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    errors: {
      types: [ValidationError],
      union: { name: 'CreateApiKeyResult', description: 'The key minted, or why not.' },
    },
    resolve: async (_root, { input }, ctx) => {
      const name = validName(input.name);
      const scopes = [...new Set(input.scopes)] as ScopeName[];
      if (scopes.length === 0) throw new ValidationError('scopes', 'Give the key at least one scope: CURATE or ADMIN.');
      const { token, tokenHash } = mintToken();
      try {
        const apiKey = await inTransaction(ctx, async (tx) => {
          const key = await tx.apiKey.create({ data: { name, scopes, tokenHash } });
          await record(tx, {
            actor: actorOf(ctx),
            action: 'CREATE',
            entityType: 'ApiKey',
            entityId: key.id,
            changes: {
              name: { before: null, after: key.name },
              scopes: { before: null, after: key.scopes },
              createdAt: { before: null, after: key.createdAt },
            },
          });
          return key;
        });
        return { apiKey, token };
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
          throw new ValidationError('name', `A key named ${JSON.stringify(name)} exists: choose another name.`);
        throw error;
      }
    },
  }),
  revokeApiKey: t.field({
    type: RevokeApiKeySuccess,
    authScopes: { admin: true },
    description:
      'Revokes a key (ADMIN): every instance refuses its token from the next request on. Revoking a revoked key changes nothing.',
    args: { input: t.arg({ type: RevokeApiKeyInput, required: true }) },
    errors: {
      types: [NotFoundError],
      union: { name: 'RevokeApiKeyResult', description: 'The key revoked, or why not.' },
    },
    resolve: async (_root, { input }, ctx) => {
      let id: number;
      try {
        id = entityIdOf(String(input.apiKeyId), 'ApiKey', 'apiKeyId');
      } catch {
        throw new NotFoundError(String(input.apiKeyId));
      }
      const apiKey = await inTransaction(ctx, async (tx) => {
        const revokedAt = new Date();
        const { count } = await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt } });
        if (count === 1)
          await record(tx, {
            actor: actorOf(ctx),
            action: 'UPDATE',
            entityType: 'ApiKey',
            entityId: id,
            changes: { revokedAt: { before: null, after: revokedAt } },
          });
        return tx.apiKey.findUnique({ where: { id } });
      });
      if (!apiKey) throw new NotFoundError(String(input.apiKeyId));
      return { apiKey };
    },
  }),
}));
