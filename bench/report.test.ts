import { describe, expect, it } from 'vitest';
import { type Measurement, markdownTable, type Results, summarise } from './report.js';

const cell = (rps: number, c50rps?: number): Measurement => ({
  rps,
  p50_ms: 10,
  p99_ms: 20,
  statements_per_request: 1,
  cpu_ms_per_request: 2,
  peak_rss_mb: 300,
  ...(c50rps === undefined ? {} : { c50: { rps: c50rps, p50_ms: 40, p99_ms: 80 } }),
});

const results = (measured: Record<string, Record<string, Measurement[]>>): Results => ({
  date: '2026-11-29T00:00:00.000Z',
  quick: true,
  machine: { cpus: 2, cpu_model: 'test' },
  node: 'v20',
  postgresql: '15',
  size: 'S',
  dataset: { Party: 1 },
  settings: {},
  operations: summarise(measured, { Q1: 'parties' }),
});

describe('bench report', () => {
  it('takes the medians of the rounds at both concurrencies', () => {
    const { ours } = summarise({ Q1: { ours: [cell(100, 90), cell(300, 70), cell(200, 80)] } }, {}).Q1?.results ?? {};
    expect(ours?.rps).toBe(200);
    expect(ours?.c50).toEqual({ rps: 80, p50_ms: 40, p99_ms: 80 });
    expect(ours?.round_spread_pct).toBe(100);
  });

  it('leaves out the 50-connection reading of a quick run, which has none, and says so in the table', () => {
    const quick = results({ Q1: { ours: [cell(150)] } });
    expect(quick.operations.Q1?.results.ours).not.toHaveProperty('c50');
    expect(markdownTable(quick)).toContain('| Q1 | ours | 150 | 10 | 20 | – | – | 1 | 2 | 300 | 0 % |');
  });
});
