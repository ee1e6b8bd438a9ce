import { columnsOf, delegateOf, type Row, same } from '../data/editing.js';
import { type Changes, record, type Tx } from '../data/history.js';

/** A fact the document's data and a curator disagree on. */
export interface Conflict {
  model: string;
  /** The row's natural key, or its id where it has none. */
  row: string;
  field: string;
  data: unknown;
  curated: unknown;
  /** Whose value the row holds after this run. */
  kept: 'curated' | 'data';
}

const isIngest = (actor: string) => actor.startsWith('ingest:');

/**
 * Writes a document's rows as revisions by `ingest:<document key>`: a new row is a CREATE, a changed one an
 * UPDATE of the fields that changed, a removed one a DELETE holding the whole row. A field whose latest
 * revision was made by someone else (a curator through the API) keeps the curator's value, and the
 * disagreement is reported, unless `preferData`: then the data's value is written, as a revision too.
 */
export class IngestHistory {
  readonly conflicts: Conflict[] = [];

  constructor(
    private readonly tx: Tx,
    readonly actor: string,
    private readonly preferData: boolean,
  ) {}

  /**
   * The row `where` finds, made from `create` if there is none, or brought to `update`'s values; `links` are
   * row ids its many-to-many links gain, part of its CREATE or recorded by `relink`.
   */
  async upsert(
    model: string,
    where: object,
    create: object,
    update: Record<string, unknown>,
    links: Record<string, number[]> = {},
  ): Promise<Row> {
    const delegate = delegateOf(this.tx, model);
    const before = await delegate.findUnique({ where });
    if (!before) {
      const connect = Object.fromEntries(
        Object.entries(links).map(([link, ids]) => [link, { connect: ids.map((id) => ({ id })) }]),
      );
      const row = await delegate.create({ data: { ...create, ...connect } });
      const linked = Object.fromEntries(Object.entries(links).map(([link, ids]) => [link, sortedIds(ids)]));
      const changes = Object.fromEntries(
        Object.entries({ ...columnsOf(row), ...linked }).map(([field, after]) => [field, { before: null, after }]),
      );
      await this.write('CREATE', model, row.id, changes);
      return row;
    }
    const row = await this.update(model, before, update);
    const gained = Object.fromEntries(Object.entries(links).map(([link, connect]) => [link, { connect }]));
    if (Object.keys(gained).length) await this.relink(model, row.id, gained);
    return row;
  }

  private async update(model: string, before: Row, update: Record<string, unknown>): Promise<Row> {
    const delegate = delegateOf(this.tx, model);
    const changed = Object.keys(update).filter((field) => !same(before[field], update[field]));
    if (!changed.length) return before;
    const curated = await this.curatedFields(model, before.id, changed);
    const applied: string[] = [];
    for (const field of changed) {
      if (curated.has(field))
        this.conflicts.push({
          model,
          row: String(before.key ?? before.id),
          field,
          data: update[field],
          curated: before[field],
          kept: this.preferData ? 'data' : 'curated',
        });
      if (!curated.has(field) || this.preferData) applied.push(field);
    }
    if (!applied.length) return before;
    const data: Record<string, unknown> = Object.fromEntries(applied.map((field) => [field, update[field]]));
    data.version = { increment: 1 };
    const row = await delegate.update({ where: { id: before.id }, data });
    const changes: Changes = Object.fromEntries(
      applied.map((field) => [field, { before: before[field], after: row[field] }]),
    );
    await this.write('UPDATE', model, row.id, changes);
    return row;
  }

  /**
   * Adds (`connect`) or removes (`disconnect`) row ids of a row's many-to-many links, recorded as an UPDATE of
   * each link changed, its ids before and after, as the API records them; a link a curator changed last keeps
   * the curator's ids unless `preferData`.
   */
  async relink(model: string, id: number, changes: Record<string, { connect?: number[]; disconnect?: number[] }>) {
    const delegate = delegateOf(this.tx, model);
    const include = Object.fromEntries(Object.keys(changes).map((link) => [link, { select: { id: true } }]));
    const current = await delegate.findUnique({ where: { id }, include });
    if (!current) return;
    const before = Object.fromEntries(
      Object.keys(changes).map((link) => [link, sortedIds((current[link] as { id: number }[]).map((row) => row.id))]),
    );
    const wanted = Object.fromEntries(
      Object.entries(changes).map(([link, { connect = [], disconnect = [] }]) => [
        link,
        sortedIds([...new Set([...(before[link] ?? []), ...connect])].filter((other) => !disconnect.includes(other))),
      ]),
    );
    const changed = Object.keys(changes).filter((link) => !same(before[link], wanted[link]));
    if (!changed.length) return;
    const curated = await this.curatedFields(model, id, changed);
    const applied = changed.filter((link) => {
      if (curated.has(link))
        this.conflicts.push({
          model,
          row: String(current.key ?? id),
          field: link,
          data: wanted[link],
          curated: before[link],
          kept: this.preferData ? 'data' : 'curated',
        });
      return !curated.has(link) || this.preferData;
    });
    if (!applied.length) return;
    const data: Record<string, unknown> = { version: { increment: 1 } };
    for (const link of applied) data[link] = { set: (wanted[link] ?? []).map((other) => ({ id: other })) };
    await delegate.update({ where: { id }, data });
    await this.write(
      'UPDATE',
      model,
      id,
      Object.fromEntries(applied.map((link) => [link, { before: before[link], after: wanted[link] }])),
    );
  }

  /** Records the removal of rows about to be deleted, each whole. */
  async deleting(model: string, where: object) {
    for (const row of await delegateOf(this.tx, model).findMany({ where })) {
      const changes = Object.fromEntries(
        Object.entries(columnsOf(row)).map(([field, before]) => [field, { before, after: null }]),
      );
      await this.write('DELETE', model, row.id, changes);
    }
  }

  /** The fields among `fields` whose latest revision is not an ingest's. */
  private async curatedFields(model: string, id: number, fields: string[]) {
    const revisions = await this.tx.revision.findMany({
      where: { entityType: model, entityId: id },
      orderBy: { id: 'desc' },
      select: { actor: true, changes: true },
    });
    const curated = new Set<string>();
    for (const field of fields) {
      const latest = revisions.find((revision) => field in (revision.changes as Changes));
      if (latest && !isIngest(latest.actor)) curated.add(field);
    }
    return curated;
  }

  private write(action: 'CREATE' | 'UPDATE' | 'DELETE', model: string, entityId: number, changes: Changes) {
    return record(this.tx, { actor: this.actor, action, entityType: model, entityId, changes });
  }
}

const sortedIds = (ids: number[]) => [...ids].sort((a, b) => a - b);
