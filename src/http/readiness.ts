import type { Plugin } from 'graphql-yoga';
import type { Db } from '../data/client.js';
import { databaseAnswers } from '../data/health.js';

/** Answers /ready with 200 only while the database answers. */
export function readiness(db: Db): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/ready') return;
      const ok = await databaseAnswers(db);
      endResponse(new fetchAPI.Response(ok ? 'ready' : 'database unavailable', { status: ok ? 200 : 503 }));
    },
  };
}
