import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { Counter, Gauge, Registry } from 'prom-client';
import type { Database, StatementListener } from '../data/database.js';
import type { CacheHealth } from '../http/response-cache.js';

// Labels stay bounded: no URL, and operation names only where trusted documents fix them.
export function metrics(operationNames: boolean, database: Database, cache?: CacheHealth): Plugin[] {
  const registry = new Registry();
  if (cache?.shared) {
    new Gauge({
      name: 'response_cache_available',
      help: 'Whether Redis, which holds the shared response cache, answers (1) or reads go on uncached (0).',
      registers: [registry],
      collect() {
        this.set(cache.available ? 1 : 0);
      },
    });
    let counted = 0;
    new Counter({
      name: 'response_cache_errors_total',
      help: 'Commands to Redis that failed or timed out.',
      registers: [registry],
      collect() {
        this.inc(cache.errors - counted);
        counted = cache.errors;
      },
    });
  }
  new Gauge({
    name: 'db_pool_connections',
    help: 'Connections of the PostgreSQL pool, by state (absent for the embedded database).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const use = database.poolUse();
      if (!use) return;
      this.set({ state: 'total' }, use.total);
      this.set({ state: 'idle' }, use.idle);
      this.set({ state: 'waiting' }, use.waiting);
    },
  });
  new Gauge({
    name: 'db_replica_pool_connections',
    help: 'Connections of each read replica pool, by replica (its place in DATABASE_REPLICA_URLS, from 1) and state.',
    labelNames: ['replica', 'state'],
    registers: [registry],
    collect() {
      for (const [i, replica] of database.replicas.entries()) {
        const { total, idle, waiting } = replica.poolUse();
        const at = String(i + 1);
        this.set({ replica: at, state: 'total' }, total);
        this.set({ replica: at, state: 'idle' }, idle);
        this.set({ replica: at, state: 'waiting' }, waiting);
      }
    },
  });
  const statements = new Counter({
    name: 'db_statements_total',
    help: 'SQL statements sent, by target: the primary (or the embedded database), or a read replica.',
    labelNames: ['target'],
    registers: [registry],
  });
  const count: StatementListener = (_sql, target) => statements.inc({ target });
  database.statementListeners.add(count);
  const prometheus = usePrometheus({
    endpoint: '/metrics',
    registry,
    labels: { url: false, operationName: operationNames },
    metrics: {
      graphql_yoga_http_duration: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_request: true,
      graphql_envelop_error_result: true,
      // Each of these walks or times every request's document; the benchmark showed them costing a tenth of Q1.
      graphql_envelop_deprecated_field: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_schema_change: false,
      graphql_envelop_execute_resolver: false,
    },
  });
  return [prometheus, { onDispose: () => void database.statementListeners.delete(count) }];
}
