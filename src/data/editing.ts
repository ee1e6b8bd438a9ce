import type { Revision } from '../generated/prisma/client.js';
import { Prisma } from '../generated/prisma/client.js';
import { type Changes, record, type Tx } from './history.js';
import { editShapeOf } from './relations.js';

export type Row = { id: number; version?: number } & Record<string, unknown>;
type DecimalInput = string | number | Prisma.Decimal;

interface Delegate {
  findUnique(args: { where: object; include?: object; select?: object }): Promise<Row | null>;
  findMany(args: { where: object; include?: object; select?: object }): Promise<Row[]>;
  create(args: { data: object; include?: object }): Promise<Row>;
  update(args: { where: { id: number }; data: object; include?: object }): Promise<Row>;
  updateMany(args: { where: object; data: object }): Promise<{ count: number }>;
  delete(args: { where: { id: number } }): Promise<Row>;
  deleteMany(args: { where: object }): Promise<{ count: number }>;
}

/** Prisma's delegate of a model in a transaction (`tx.party` for Party). */
export const delegateOf = (tx: Tx, model: string) =>
  (tx as unknown as Record<string, Delegate>)[model.charAt(0).toLowerCase() + model.slice(1)] as Delegate;

/** True when two column values are the same value (decimals by amount, instants by time, lists by items). */
export function same(a: unknown, b: unknown): boolean {
  if (Prisma.Decimal.isDecimal(a) || Prisma.Decimal.isDecimal(b))
    return a != null && b != null && new Prisma.Decimal(a as DecimalInput).equals(b as DecimalInput);
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return (a ?? null) === (b ?? null);
}

/** Every column of a row but its id, as a revision holds it. */
export function columnsOf(row: Row): Record<string, unknown> {
  const { id: _id, ...columns } = row;
  return columns;
}

export class RowMissing extends Error {
  constructor(
    readonly model: string,
    readonly id: number,
  ) {
    super(`${model} ${id} is gone`);
  }
}

/** A change that would leave every value as it is. */
export class NothingToChange extends Error {}

export class VersionMismatch extends Error {
  constructor(readonly current: number) {
    super(`at version ${current}`);
  }
}

/** The rows that refer to a row, by the relation they refer to it through. */
export class RowInUse extends Error {
  constructor(readonly references: { relation: string; count: number }[]) {
    super(references.map(({ relation, count }) => `${count} ${relation}`).join(', '));
  }
}

/** A link's value: the row ids of a many-to-many relation, or the rows of a link model by their fields. */
export type LinkValue = number[] | Record<string, unknown>[];

/** A relation whose links belong to the row: many-to-many by name, or a link model's rows by the fields that tell them apart. */
export type LinkSpec = string | { relation: string; fields: readonly string[] };

/** A change as the API asks it: column values, and the full set of row ids of each many-to-many link given. */
export interface Edit {
  columns: Record<string, unknown>;
  links?: Record<string, LinkValue>;
}

/** Who makes a change, why, and the revision it undoes if it is a revert. */
export interface Author {
  actor: string;
  reason: string | null;
  reverts?: Revision;
}

/**
 * Creates, corrects and deletes rows of one model, each change with its revision, in the caller's
 * transaction. `links` are the model's many-to-many relations that belong to the row (a commitment's
 * parties): they are recorded as its fields, as sorted row ids, and go with it; every other list
 * relation holding rows keeps the row from being deleted.
 */
export class RowEditor {
  private readonly columns: ReadonlyMap<string, string>;
  private readonly references: readonly string[];
  /** Each link's fields, null for a many-to-many relation's row ids. */
  private readonly linkFields: ReadonlyMap<string, readonly string[] | null>;

  constructor(
    readonly model: string,
    links: readonly LinkSpec[] = [],
  ) {
    const shape = editShapeOf(model);
    this.columns = shape.columns;
    this.linkFields = new Map(
      links.map((link) => (typeof link === 'string' ? [link, null] : [link.relation, link.fields])),
    );
    this.references = shape.lists.filter((list) => !this.linkFields.has(list));
  }

  /** A link's value in the one order revisions hold it in. */
  private normalized(link: string, value: LinkValue): LinkValue {
    const fields = this.linkFields.get(link);
    if (!fields) return sorted(value as number[]);
    const rows = (value as Record<string, unknown>[]).map((row) =>
      Object.fromEntries(fields.map((field) => [field, row[field]])),
    );
    return rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }

  private linkData(link: string, value: LinkValue, replacing: boolean) {
    if (this.linkFields.get(link)) return replacing ? { deleteMany: {}, create: value } : { create: value };
    const ids = (value as number[]).map((id) => ({ id }));
    return replacing ? { set: ids } : { connect: ids };
  }

  async create(tx: Tx, author: Author, edit: Edit, id?: number) {
    const data: Record<string, unknown> = { ...edit.columns, ...(id === undefined ? {} : { id }) };
    for (const [link, value] of Object.entries(edit.links ?? {})) data[link] = this.linkData(link, value, false);
    const row = this.flatten(await delegateOf(tx, this.model).create({ data, include: this.linkInclude() }));
    const changes = Object.fromEntries(
      Object.entries(columnsOf(row)).map(([field, after]) => [field, { before: null, after }]),
    );
    return { row, revision: await this.write(tx, author, 'CREATE', row.id, changes) };
  }

  /** Applies what `edit` changes if the row is at `expectedVersion`. */
  async update(tx: Tx, author: Author, id: number, expectedVersion: number, edit: Edit) {
    const before = await this.current(tx, id);
    if (before.version !== expectedVersion) throw new VersionMismatch(before.version ?? 0);
    const fields = Object.keys(edit.columns).filter((field) => !same(before[field], edit.columns[field]));
    const links = Object.entries(edit.links ?? {}).filter(
      ([link, value]) => !same(before[link], this.normalized(link, value)),
    );
    if (!fields.length && !links.length) throw new NothingToChange();
    const data: Record<string, unknown> = Object.fromEntries(fields.map((field) => [field, edit.columns[field]]));
    const { count } = await delegateOf(tx, this.model).updateMany({
      where: { id, version: expectedVersion },
      data: { ...data, version: { increment: 1 } },
    });
    if (count === 0) throw new VersionMismatch((await this.current(tx, id)).version ?? 0);
    const sets = Object.fromEntries(links.map(([link, value]) => [link, this.linkData(link, value, true)]));
    const row = this.flatten(
      await delegateOf(tx, this.model).update({ where: { id }, data: sets, include: this.linkInclude() }),
    );
    const changes: Changes = Object.fromEntries(
      [...fields, ...links.map(([link]) => link)].map((field) => [field, { before: before[field], after: row[field] }]),
    );
    return { row, revision: await this.write(tx, author, 'UPDATE', id, changes) };
  }

  /** Deletes the row if it is at `expectedVersion` and nothing refers to it; the revision holds it whole. */
  async delete(tx: Tx, author: Author, id: number, expectedVersion: number) {
    await lockRow(tx, this.model, id);
    const before = await this.current(tx, id);
    if (before.version !== expectedVersion) throw new VersionMismatch(before.version ?? 0);
    const counts = before._count as Record<string, number>;
    const inUse = this.references
      .filter((relation) => counts[relation])
      .map((relation) => ({
        relation,
        count: counts[relation] as number,
      }));
    if (inUse.length) throw new RowInUse(inUse);
    await delegateOf(tx, this.model).delete({ where: { id } });
    const { _count: _, ...row } = before;
    const changes = Object.fromEntries(
      Object.entries(columnsOf(row as Row)).map(([field, value]) => [field, { before: value, after: null }]),
    );
    return { row: before, revision: await this.write(tx, author, 'DELETE', id, changes) };
  }

  /** Undoes `target` (a revision of this model) as a REVERT revision. */
  async revert(tx: Tx, actor: string, reason: string | null, target: Revision) {
    const author = { actor, reason, reverts: target };
    const changes = target.changes as Changes;
    const effect = await effectOf(tx, target);
    if (effect === 'CREATE') {
      const { version } = await this.current(tx, target.entityId);
      return (await this.delete(tx, author, target.entityId, version ?? 0)).revision;
    }
    const before = Object.fromEntries(Object.entries(changes).map(([field, { before }]) => [field, before]));
    const edit = this.editOf(before);
    if (effect === 'DELETE') {
      if (typeof before.version === 'number') edit.columns.version = before.version + 1;
      return (await this.create(tx, author, edit, target.entityId)).revision;
    }
    const { version } = await this.current(tx, target.entityId);
    return (await this.update(tx, author, target.entityId, version ?? 0, edit)).revision;
  }

  /** The version of the row now, null when there is none. */
  async version(tx: Tx, id: number) {
    const row = await delegateOf(tx, this.model).findUnique({ where: { id }, select: { version: true } });
    return row ? ((row.version as number | undefined) ?? 1) : null;
  }

  /** A revision's values (JSON) as the columns and links they were. */
  private editOf(values: Record<string, unknown>): Edit {
    const edit: Required<Edit> = { columns: {}, links: {} };
    for (const [field, value] of Object.entries(values)) {
      if (this.linkFields.has(field)) edit.links[field] = (value as LinkValue | null) ?? [];
      else if (field !== 'version' && this.columns.has(field))
        edit.columns[field] =
          this.columns.get(field) === 'DateTime' && typeof value === 'string' ? new Date(value) : value;
    }
    return edit;
  }

  private async current(tx: Tx, id: number) {
    const include: Record<string, unknown> = this.linkInclude();
    if (this.references.length)
      include._count = { select: Object.fromEntries(this.references.map((relation) => [relation, true])) };
    const row = await delegateOf(tx, this.model).findUnique({ where: { id }, include });
    if (!row) throw new RowMissing(this.model, id);
    return this.flatten(row);
  }

  private linkInclude() {
    return Object.fromEntries(
      [...this.linkFields].map(([link, fields]) => [
        link,
        { select: Object.fromEntries((fields ?? ['id']).map((field) => [field, true])) },
      ]),
    );
  }

  /** The row with each link as its sorted row ids. */
  private flatten(row: Row): Row {
    const flat: Row = { ...row };
    for (const [link, fields] of this.linkFields) {
      const rows = row[link] as Record<string, unknown>[];
      flat[link] = this.normalized(link, fields ? rows : rows.map(({ id }) => id as number));
    }
    return flat;
  }

  private write(tx: Tx, author: Author, action: 'CREATE' | 'UPDATE' | 'DELETE', entityId: number, changes: Changes) {
    return record(tx, {
      actor: author.actor,
      action: author.reverts ? 'REVERT' : action,
      entityType: this.model,
      entityId,
      changes,
      reason: author.reason,
      revertsId: author.reverts?.id,
    });
  }
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

/** What a revision did to its row: a REVERT did the opposite of what it undid. */
export async function effectOf(tx: Tx, revision: Revision): Promise<'CREATE' | 'UPDATE' | 'DELETE'> {
  if (revision.action !== 'REVERT') return revision.action;
  const undone = await tx.revision.findUniqueOrThrow({ where: { id: revision.revertsId ?? 0 } });
  const effect = await effectOf(tx, undone);
  return effect === 'CREATE' ? 'DELETE' : effect === 'DELETE' ? 'CREATE' : 'UPDATE';
}

/** Holds the row against concurrent changes and against rows being made to refer to it, until the transaction ends. */
async function lockRow(tx: Tx, model: string, id: number) {
  await tx.$queryRaw`select 1 from ${Prisma.raw(`"${model}"`)} where id = ${id} for update`;
}
