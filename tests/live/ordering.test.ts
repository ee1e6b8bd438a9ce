import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, describe, expect, it } from 'vitest';
import { useApp } from '../support/app.js';
import { type FeedEvent, subscribeSse } from '../support/feed.js';

const { app, db } = useApp();
afterAll(() => app.dispose());

const feed = 'subscription ($after: ID) { revisionAdded(after: $after) { id } }';
const onServer = Boolean(process.env.TEST_DATABASE_URL);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A revision as any writer makes one, in its transaction. */
const write = (tx: Pick<typeof db, 'revision'>, note: string) =>
  tx.revision.create({
    data: { actor: 'ordering-test', action: 'UPDATE', entityType: 'Commitment', entityId: 1, changes: { note } },
  });

const lastId = async () => (await db.revision.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0;
const globalIds = (events: FeedEvent[]) => events.map((event) => event.data?.revisionAdded.id as string);

describe('the ordering gap', () => {
  it.skipIf(!onServer)(
    'holds back a revision that committed while an older transaction with a smaller id is open, then sends both in order',
    async () => {
      const { reader } = await subscribeSse(app, feed);
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let olderId = 0;
      const older = db.$transaction(async (tx) => {
        olderId = (await write(tx, 'older')).id;
        await gate;
      });
      while (!olderId) await sleep(10);
      const newer = await write(db, 'newer');
      expect(newer.id).toBeGreaterThan(olderId);
      // Committed, but an older transaction could still add a revision before it: nothing is sent yet.
      expect(await reader.quiet(500)).toEqual([]);
      release();
      await older;
      expect(globalIds(await reader.take(2))).toEqual([
        encodeGlobalID('Revision', olderId),
        encodeGlobalID('Revision', newer.id),
      ]);
      await reader.cancel();
    },
  );
  if (!onServer) it.skip('needs TEST_DATABASE_URL: the embedded database runs one transaction at a time', () => {});

  it('sends every committed revision of concurrent writers once, in one order for every subscriber, reconnecting or not', async () => {
    const baseline = await lastId();
    const live = await subscribeSse(app, feed);
    const reconnecting = await subscribeSse(app, feed);
    const writers = 4;
    const transactions = 12;
    let rolledBack = 0;
    const writing = Array.from({ length: writers }, async (_, writer) => {
      for (let n = 0; n < transactions; n++) {
        const revisions = 1 + ((writer + n) % 3);
        const fails = (writer * transactions + n) % 5 === 4;
        await db
          .$transaction(async (tx) => {
            for (let r = 0; r < revisions; r++) {
              await write(tx, `${writer}.${n}.${r}`);
              await sleep(Math.random() * 4);
            }
            if (fails) throw new Error('rolled back');
          })
          .catch(() => {
            rolledBack += revisions;
          });
      }
    });
    // Halfway, the reconnecting subscriber drops its stream and subscribes again after the last revision it saw.
    const firstPart = await reconnecting.reader.take(20);
    await reconnecting.reader.cancel();
    const resumed = await subscribeSse(app, feed, { after: globalIds(firstPart).at(-1) });
    await Promise.all(writing);
    const committed = (
      await db.revision.findMany({ where: { id: { gt: baseline }, actor: 'ordering-test' }, select: { id: true } })
    ).map((row) => encodeGlobalID('Revision', row.id));
    expect(rolledBack).toBeGreaterThan(0);
    const received = globalIds(await live.reader.take(committed.length));
    expect(received.toSorted()).toEqual(committed.toSorted());
    expect(new Set(received).size).toBe(received.length);
    const byId = (a: string, b: string) => Number(atob(a).split(':')[1]) - Number(atob(b).split(':')[1]);
    // On a server the writers' transactions overlapped, so ids were not committed in their order.
    if (onServer) expect(received).not.toEqual(received.toSorted(byId));
    const rest = globalIds(await resumed.reader.take(committed.length - firstPart.length));
    expect([...globalIds(firstPart), ...rest]).toEqual(received);
    // A subscriber that comes later, from the same start, replays the same sequence from the table.
    const replay = await subscribeSse(app, feed, { after: encodeGlobalID('Revision', baseline) });
    expect(globalIds(await replay.reader.take(committed.length))).toEqual(received);
    for (const { reader } of [live, resumed, replay]) expect(await reader.quiet(300)).toEqual([]);
    for (const { reader } of [live, resumed, replay]) await reader.cancel();
  });
});
