import type { Revision } from '../generated/prisma/client.js';
import type { Database } from './database.js';

/**
 * Where a revision stands in the feed: its writing transaction, then its id. Revisions are final once every
 * transaction older than theirs has ended (their xid is below the snapshot's xmin): no revision can join the
 * feed before a final one after that, whatever order transactions commit in, so the final revisions are always a
 * prefix of the feed and a reader that takes only those never skips one that commits late.
 */
export interface FeedPosition {
  xid: bigint;
  id: number;
}

export type FeedRevision = Revision & { position: FeedPosition };

/** The end of a subscriber that fell more than `buffer` revisions behind. */
export interface FeedOverflow {
  overflow: number;
}

export interface FeedFilter {
  /** Only the revisions of this entity. */
  entity?: { type: string; id: number };
  /** Entity types whose revisions are left out. */
  hiddenTypes: readonly string[];
}

export interface FeedOptions {
  /** Revisions a subscriber may fall behind by before it is ended. */
  buffer: number;
  /** How soon to look again while committed revisions wait on an older transaction. */
  heldBackRetryMs?: number;
  /** How often to look without a notification, for any lost with a connection. */
  pollMs?: number;
}

const channel = 'revision_added';
const tablePage = 100;
const hubPage = 500;

const columns = `"id", "at", "actor", "action"::text AS "action", "entityType", "entityId", "changes", "reason",
  "revertsId", "xid"::text AS "xid"`;

const finalAfterSql = `SELECT ${columns} FROM "Revision"
  WHERE ("xid", "id") > ($1::xid8, $2::int) AND "xid" < pg_snapshot_xmin(pg_current_snapshot())
    AND NOT ("entityType" = ANY($3::text[]))
    AND ($4::text IS NULL OR ("entityType" = $4::text AND "entityId" = $5::int))
  ORDER BY "xid", "id" LIMIT $6`;

const heldBackSql = `SELECT EXISTS (SELECT FROM "Revision"
  WHERE ("xid", "id") > ($1::xid8, $2::int) AND "xid" >= pg_snapshot_xmin(pg_current_snapshot())) AS "held"`;

const horizonSql = 'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS "xid"';

const positionSql = `SELECT "xid"::text AS "xid" FROM "Revision" WHERE "id" = $1 AND NOT ("entityType" = ANY($2::text[]))`;

type Row = Omit<Revision, 'xid'> & { xid: string };

const isAfter = (a: FeedPosition, b: FeedPosition) => a.xid > b.xid || (a.xid === b.xid && a.id > b.id);

async function finalAfter(database: Database, from: FeedPosition, filter: FeedFilter, limit: number) {
  const rows = await database.query<Row>(finalAfterSql, [
    from.xid.toString(),
    from.id,
    filter.hiddenTypes,
    filter.entity?.type ?? null,
    filter.entity?.id ?? null,
    limit,
  ]);
  return rows.map(
    ({ xid, ...revision }): FeedRevision => ({
      ...revision,
      at: new Date(revision.at),
      position: { xid: BigInt(xid), id: revision.id },
    }),
  );
}

/** The position before every revision not yet final: what a subscriber without `after` starts from. */
async function horizon(database: Database): Promise<FeedPosition> {
  const [row] = await database.query<{ xid: string }>(horizonSql, []);
  return { xid: BigInt(row?.xid ?? '0'), id: 0 };
}

const matches = (filter: FeedFilter, revision: Revision) =>
  !filter.hiddenTypes.includes(revision.entityType) &&
  (!filter.entity || (revision.entityType === filter.entity.type && revision.entityId === filter.entity.id));

/**
 * One subscriber: the final revisions after its start read from the table a page at a time as it asks for them,
 * then the live ones the feed hands it. At most `buffer` live revisions wait for it; past that it ends with a
 * FeedOverflow (while it is still reading the table, waiting revisions are dropped instead and read again).
 */
class Subscription implements AsyncIterableIterator<FeedRevision | FeedOverflow> {
  private live: FeedRevision[] = [];
  private table: FeedRevision[] = [];
  private catchingUp = true;
  private tableRead = false;
  private dropped = false;
  private overflowed = false;
  private ended = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly feed: RevisionFeed,
    private readonly database: Database,
    readonly filter: FeedFilter,
    private cursor: FeedPosition,
    private readonly buffer: number,
  ) {}

  push(revisions: FeedRevision[]) {
    for (const revision of revisions) if (matches(this.filter, revision)) this.live.push(revision);
    if (this.live.length <= this.buffer) return this.wake?.();
    this.live = [];
    if (this.catchingUp) this.dropped = true;
    else {
      // Nothing more is kept for it: its next read is the reason it ends.
      this.overflowed = true;
      this.feed.leave(this);
    }
    this.wake?.();
  }

  end() {
    this.ended = true;
    this.feed.leave(this);
    this.wake?.();
  }

  async next(): Promise<IteratorResult<FeedRevision | FeedOverflow>> {
    for (;;) {
      if (this.ended) return { done: true, value: undefined };
      if (this.overflowed) {
        this.end();
        return { done: false, value: { overflow: this.buffer } };
      }
      if (this.catchingUp) {
        const revision = this.table.shift();
        if (revision) return this.send(revision);
        if (!this.tableRead) {
          this.table = await finalAfter(this.database, this.cursor, this.filter, tablePage);
          this.tableRead = this.table.length < tablePage;
        } else if (this.dropped) {
          this.dropped = false;
          this.tableRead = false;
        } else this.catchingUp = false;
        continue;
      }
      const revision = this.live.shift();
      if (revision) {
        if (isAfter(revision.position, this.cursor)) return this.send(revision);
        continue;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = null;
    }
  }

  private send(revision: FeedRevision): IteratorResult<FeedRevision> {
    this.cursor = revision.position;
    return { done: false, value: revision };
  }

  async return(): Promise<IteratorResult<FeedRevision | FeedOverflow>> {
    this.end();
    return { done: true, value: undefined };
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

/**
 * The revisions of this database as they become final, for any number of subscribers: one session listens for
 * the commits the revisions table announces and reads what became final once, for every subscriber.
 */
export class RevisionFeed {
  private readonly subscriptions = new Set<Subscription>();
  private head: FeedPosition | null = null;
  private starting: Promise<void> | null = null;
  private stopListening: (() => Promise<void>) | null = null;
  private poll: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private reading = false;
  private readAgain = false;
  private closed = false;
  private closing: Promise<void> | null = null;

  constructor(
    private readonly database: Database,
    private readonly options: FeedOptions,
  ) {}

  /**
   * The revisions matching `filter`: those after revision `after` first (null when there is no such revision
   * the filter lets through), or without it only those that become final from now on.
   */
  async subscribe(
    filter: FeedFilter,
    after?: number,
  ): Promise<AsyncIterableIterator<FeedRevision | FeedOverflow> | null> {
    if (this.closed) throw new Error('The revision feed is closed.');
    await this.start();
    let from: FeedPosition;
    if (after === undefined) from = await horizon(this.database);
    else {
      const [row] = await this.database.query<{ xid: string }>(positionSql, [after, filter.hiddenTypes]);
      if (!row) return null;
      from = { xid: BigInt(row.xid), id: after };
    }
    // While nobody subscribes nothing is read: the first subscriber after a pause moves the head to now (every
    // revision up to it is final, so its own reading of the table covers them).
    if (this.subscriptions.size === 0 && !this.reading) {
      const now = await horizon(this.database);
      if (this.subscriptions.size === 0 && !this.reading) this.head = now;
    }
    const subscription = new Subscription(this, this.database, filter, from, this.options.buffer);
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Subscribers now. */
  get size() {
    return this.subscriptions.size;
  }

  leave(subscription: Subscription) {
    this.subscriptions.delete(subscription);
  }

  /** Ends every subscription (each stream completes) and stops listening. */
  close() {
    this.closing ??= (async () => {
      this.closed = true;
      clearInterval(this.poll);
      clearTimeout(this.retry);
      for (const subscription of this.subscriptions) subscription.end();
      await this.starting?.catch(() => {});
      await this.stopListening?.();
    })();
    return this.closing;
  }

  private start() {
    this.starting ??= (async () => {
      this.stopListening = await this.database.listen(channel, () => this.read());
      this.head = await horizon(this.database);
      this.poll = setInterval(() => this.read(), this.options.pollMs ?? 2000).unref();
    })().catch((error) => {
      this.starting = null;
      throw error;
    });
    return this.starting;
  }

  /** Reads what became final since the head, once however many notifications come meanwhile. */
  private read() {
    if (!this.head || this.closed || this.subscriptions.size === 0) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    void (async () => {
      try {
        do {
          this.readAgain = false;
          for (;;) {
            const head = this.head as FeedPosition;
            const revisions = await finalAfter(this.database, head, { hiddenTypes: [] }, hubPage);
            const last = revisions.at(-1);
            if (last) {
              this.head = last.position;
              for (const subscription of this.subscriptions) subscription.push(revisions);
            }
            if (revisions.length < hubPage) break;
          }
          const head = this.head as FeedPosition;
          const [held] = await this.database.query<{ held: boolean }>(heldBackSql, [head.xid.toString(), head.id]);
          if (held?.held && !this.closed) {
            clearTimeout(this.retry);
            this.retry = setTimeout(() => this.read(), this.options.heldBackRetryMs ?? 50).unref();
          }
        } while (this.readAgain && !this.closed);
      } catch {
        // The database is away: the poll reads again.
      } finally {
        this.reading = false;
      }
    })();
  }
}
