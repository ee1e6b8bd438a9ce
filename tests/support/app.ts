import { expect } from 'vitest';
import { type ApiConfig, type Limits, readApiConfig } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { useSeededDatabase } from './database.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export type ConfigOverrides = Partial<Omit<ApiConfig, 'limits'>> & { limits?: Partial<Limits> };

/** The API configuration of the environment with some settings changed. */
export function apiConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const defaults = readApiConfig(env);
  return { ...defaults, ...overrides, limits: { ...defaults.limits, ...overrides.limits } };
}

/** A seeded database for this file and a way to run operations against the app in-process. */
export function useApp(overrides: ConfigOverrides = {}) {
  const { db, database } = useSeededDatabase();
  /** Another app over this file's database. */
  const makeApp = (config: ApiConfig) => createApp(config, { db, database });
  const app = makeApp(apiConfig(overrides));

  async function graphql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ) {
    const response = await app.fetch('http://api.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse<T> };
  }

  /** Runs an operation and returns its data, failing on any GraphQL error. */
  async function query<T = any>(source: string, variables?: Record<string, unknown>): Promise<T> {
    const { body } = await graphql<T>(source, variables);
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  }

  /** The SQL statements one run of an operation sends. */
  async function sent(source: string, variables?: Record<string, unknown>) {
    const sql: string[] = [];
    const listener = (text: string) => void sql.push(text);
    database.statementListeners.add(listener);
    try {
      await query(source, variables);
    } finally {
      database.statementListeners.delete(listener);
    }
    return sql;
  }

  /**
   * Counts the SQL statements one operation sends, once run by graphql-js (a document's first time)
   * and once compiled (every time after): both must send the same statements.
   */
  async function statements(source: string, variables?: Record<string, unknown>) {
    const first = await sent(source, variables);
    const compiled = await sent(source, variables);
    expect(compiled.toSorted(), 'compiled execution sends what graphql-js sent').toEqual(first.toSorted());
    return compiled.length;
  }

  return { app, makeApp, db, database, graphql, query, sent, statements };
}
