import type { Plugin } from 'graphql-yoga';
import type { Db } from '../data/client.js';
import type { Database } from '../data/database.js';
import { databaseAnswers, replicasHealth } from '../data/health.js';

/**
 * Answers /ready with 200 only while the primary answers, with a line for each replica: a replica that does not
 * answer leaves the app ready, since the reads it would take go to the primary.
 */
export function readiness(db: Db, database: Database): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/ready') return;
      const [ok, replicas] = await Promise.all([databaseAnswers(db), replicasHealth(database)]);
      const lines = [ok ? 'ready' : 'database unavailable'];
      for (const replica of replicas)
        lines.push(
          `replica ${replica.name}: ${replica.answers ? 'answers' : 'does not answer'}${replica.resting ? ', reads go to the primary' : ''}`,
        );
      endResponse(new fetchAPI.Response(lines.join('\n'), { status: ok ? 200 : 503 }));
    },
  };
}
