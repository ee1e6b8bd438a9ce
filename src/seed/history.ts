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

  /** The row `where` finds, made from `create` if there is none, or brought to `update`'s values. */
  async upsert(model: string, where: object, create: object, update: Record<string, unknown>): Promise<Row> {
    const delegate = delegateOf(this.tx, model);
    const before = await delegate.findUnique({ where });
    if (!before) {
      const row = await delegate.create({ data: create });
      const changes = Object.fromEntries(
        Object.entries(columnsOf(row)).map(([field, after]) => [field, { before: null, after }]),
      );
      await this.write('CREATE', model, row.id, changes);
      return row;
    }
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
