import type { Db } from './client.js';
import type { Database } from './database.js';

const readinessTimeoutMs = 1500;

async function answersInTime(answer: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(resolve, readinessTimeoutMs, false);
  });
  try {
    return await Promise.race([
      answer.then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether the database answers a trivial query through the app's own pool within the timeout. */
export function databaseAnswers(db: Db): Promise<boolean> {
  return answersInTime(db.$queryRaw`SELECT 1`);
}

export interface ReplicaHealth {
  name: string;
  /** It answered within the timeout, as a server still replaying the primary's changes. */
  answers: boolean;
  /** Left out of reads for now (they go to the primary), since a read could not reach it a moment ago. */
  resting: boolean;
}

/** How each read replica of `database` is doing. */
export function replicasHealth(database: Database): Promise<ReplicaHealth[]> {
  return Promise.all(
    database.replicas.map(async (replica) => ({
      name: replica.name,
      answers: await answersInTime(
        replica.query<{ inRecovery: boolean }>('SELECT pg_is_in_recovery() AS "inRecovery"', []).then(([row]) => {
          if (!row?.inRecovery) throw new Error('not a replica');
        }),
      ),
      resting: replica.resting(),
    })),
  );
}
