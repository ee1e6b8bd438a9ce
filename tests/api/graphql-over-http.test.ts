import { serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app.js';

const { app } = useApp();

const audits = serverAudits({
  url: 'http://api.test/graphql',
  fetchFn: (input: string, init?: RequestInit) => app.fetch(new Request(input, init)),
});

describe('GraphQL over HTTP: the reference audits of graphql-http', () => {
  it.each(audits.filter((audit) => audit.name.startsWith('MUST')).map((audit) => [audit.name, audit] as const))(
    '%s',
    async (_name, audit) => {
      const result = await audit.fn();
      expect(result.status === 'ok' ? 'ok' : result.reason).toBe('ok');
    },
  );

  it('passes every SHOULD audit too', async () => {
    const results = await Promise.all(audits.filter((a) => a.name.startsWith('SHOULD')).map((a) => a.fn()));
    expect(results.filter((r) => r.status !== 'ok').map((r) => r.name)).toEqual([]);
  });
});
