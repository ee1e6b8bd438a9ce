import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FanOut } from './fan-out.js';
import type { EmbeddedFootprint, ServerFootprint } from './footprint.js';
import type { SearchLatency } from './search-latency.js';

export interface Numbers {
  rps: number;
  p50_ms: number;
  p99_ms: number;
}

export interface Measurement extends Numbers {
  statements_per_request: number;
  cpu_ms_per_request: number;
  peak_rss_mb: number;
  /** Absent in a quick run, which reads at 10 connections only. */
  c50?: Numbers;
}

export interface Summary extends Measurement {
  rounds_rps: number[];
  round_spread_pct: number;
  spread_over_10_pct: boolean;
}

export interface OperationResult {
  description: string;
  relation_depth: number;
  results: Record<string, Summary>;
}

export interface Results {
  date: string;
  quick: boolean;
  machine: Record<string, string | number>;
  node: string;
  postgresql: string;
  size: string;
  dataset: Record<string, number>;
  settings: Record<string, unknown>;
  operations: Record<string, OperationResult>;
  targets?: Record<string, unknown>;
  footprint?: Footprint;
  search_latency?: SearchLatency[];
  fan_out?: FanOut;
}

/** Start times and memory: ours on the embedded database and, with PostGraphile, on the bench's. */
export interface Footprint {
  ours_embedded?: EmbeddedFootprint;
  ours?: ServerFootprint;
  postgraphile?: ServerFootprint;
}

/** How many relations deep each operation reaches; the statement target is this plus one. */
export const relationDepth: Record<string, number> = { Q1: 1, Q2: 3, Q3: 5, Q4: 2, Q5: 4, Q6: 2 };
const implOrder = ['ours', 'naive', 'postgraphile', 'raw', 'ours_cached'];
const colours: Record<string, string> = {
  ours: '#1f77b4',
  naive: '#d62728',
  postgraphile: '#2ca02c',
  raw: '#7f7f7f',
  ours_cached: '#9ecae1',
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const round2 = (value: number) => Math.round(value * 100) / 100;
const medianOf = <T>(items: T[], pick: (item: T) => number) => round2(median(items.map(pick)));

export function summarise(
  measured: Record<string, Record<string, Measurement[]>>,
  descriptions: Record<string, string>,
): Record<string, OperationResult> {
  const operations: Record<string, OperationResult> = {};
  for (const [operation, byImpl] of Object.entries(measured)) {
    const results: Record<string, Summary> = {};
    for (const [impl, cells] of Object.entries(byImpl)) {
      const of = (pick: (m: Measurement) => number) => medianOf(cells, pick);
      const rpsRounds = cells.map((m) => m.rps);
      const c50s = cells.flatMap((m) => (m.c50 ? [m.c50] : []));
      const spread =
        rpsRounds.length > 1 ? ((Math.max(...rpsRounds) - Math.min(...rpsRounds)) / median(rpsRounds)) * 100 : 0;
      results[impl] = {
        rps: of((m) => m.rps),
        p50_ms: of((m) => m.p50_ms),
        p99_ms: of((m) => m.p99_ms),
        statements_per_request: of((m) => m.statements_per_request),
        cpu_ms_per_request: of((m) => m.cpu_ms_per_request),
        peak_rss_mb: of((m) => m.peak_rss_mb),
        ...(c50s.length === cells.length
          ? {
              c50: {
                rps: medianOf(c50s, (n) => n.rps),
                p50_ms: medianOf(c50s, (n) => n.p50_ms),
                p99_ms: medianOf(c50s, (n) => n.p99_ms),
              },
            }
          : {}),
        rounds_rps: rpsRounds,
        round_spread_pct: Math.round(spread * 10) / 10,
        spread_over_10_pct: spread > 10,
      };
    }
    operations[operation] = {
      description: descriptions[operation] ?? operation,
      relation_depth: relationDepth[operation] ?? 0,
      results,
    };
  }
  return operations;
}

/** The read operations (Q1–Q6), which the geometric means are over; W1 is a write, compared on its own. */
const isRead = (name: string) => name.startsWith('Q');

const geomean = (values: number[]) => Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);

/** Ours against the targets of the benchmark issue, per operation and as geometric means. */
export function targets(results: Results) {
  const ratio = (other: string, impl = 'ours', leaveOut?: string) => {
    const ratios = Object.entries(results.operations)
      .filter(([name]) => isRead(name) && name !== leaveOut)
      .map(([, op]) => op)
      .map((op) => (op.results[impl] && op.results[other] ? op.results[impl].rps / op.results[other].rps : Number.NaN))
      .filter((r) => Number.isFinite(r) && r > 0);
    return ratios.length ? round2(geomean(ratios)) : null;
  };
  const statementsWithinDepth = Object.fromEntries(
    Object.entries(results.operations)
      .filter(([name]) => isRead(name))
      .map(([name, op]) => [
        name,
        op.results.ours ? op.results.ours.statements_per_request <= op.relation_depth + 1 : null,
      ]),
  );
  const q3 = results.operations.Q3?.results;
  const w1 = results.operations.W1?.results;
  return {
    q3_ours_vs_naive: q3?.ours && q3.naive ? round2(q3.ours.rps / q3.naive.rps) : null,
    geomean_ours_vs_postgraphile: ratio('postgraphile'),
    geomean_ours_vs_postgraphile_without_q5: ratio('postgraphile', 'ours', 'Q5'),
    geomean_ours_vs_raw: ratio('raw'),
    geomean_ours_cached_vs_postgraphile: ratio('postgraphile', 'ours_cached'),
    ours_cached_vs_raw: Object.fromEntries(
      Object.entries(results.operations)
        .filter(([name, op]) => isRead(name) && op.results.ours_cached && op.results.raw)
        .map(([name, op]) => [name, round2((op.results.ours_cached as Summary).rps / (op.results.raw as Summary).rps)]),
    ),
    w1_ours_cached_vs_ours: w1?.ours_cached && w1.ours ? round2(w1.ours_cached.rps / w1.ours.rps) : null,
    statements_within_depth_plus_one: statementsWithinDepth,
    w1_ours_vs_postgraphile: w1?.ours && w1.postgraphile ? round2(w1.ours.rps / w1.postgraphile.rps) : null,
    w1_ours_p99_ms: w1?.ours?.p99_ms ?? null,
    fan_out_p99_ms: results.fan_out?.p99_ms ?? null,
    fan_out_lost: results.fan_out?.lost ?? null,
    search_slowest_p50_ms: results.search_latency ? Math.max(...results.search_latency.map((s) => s.p50_ms)) : null,
  };
}

export function markdownTable(results: Results): string {
  const lines = [
    `Size ${results.size} (${Object.entries(results.dataset)
      .map(([table, n]) => `${n} ${table}`)
      .join(
        ', ',
      )}); ${results.settings.rounds} round(s) of ${results.settings.duration_s} s per cell; medians; ${results.date.slice(0, 10)}, Node ${results.node}, PostgreSQL ${results.postgresql}, ${results.machine.cpus} × ${results.machine.cpu_model}.`,
    '',
    '| op | impl | req/s (c10) | p50 ms | p99 ms | req/s (c50) | p99 ms (c50) | SQL stmts/req | CPU ms/req | peak RSS MB | round spread |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [name, op] of Object.entries(results.operations)) {
    for (const impl of implOrder) {
      const r = op.results[impl];
      if (!r) continue;
      const spread = `${r.round_spread_pct} %${r.spread_over_10_pct ? ' ⚠' : ''}`;
      lines.push(
        `| ${name} | ${impl} | ${r.rps} | ${r.p50_ms} | ${r.p99_ms} | ${r.c50?.rps ?? '–'} | ${r.c50?.p99_ms ?? '–'} | ${r.statements_per_request} | ${r.cpu_ms_per_request} | ${r.peak_rss_mb} | ${spread} |`,
      );
    }
  }
  const t = targets(results);
  lines.push(
    '',
    `Ours vs naive on Q3: ${t.q3_ours_vs_naive}×. Geometric mean of ours / PostGraphile over the read operations: ${t.geomean_ours_vs_postgraphile}× (without Q5: ${t.geomean_ours_vs_postgraphile_without_q5}×); ours / raw SQL: ${t.geomean_ours_vs_raw}×. With the response cache (a separate row, not counted as ours): ${t.geomean_ours_cached_vs_postgraphile}× PostGraphile.`,
    '',
    `ours_cached: the response cache shared in Redis, warm, read with GET by clients that send the ETag they hold (If-None-Match) and are answered 304; against raw SQL, per operation: ${Object.entries(
      t.ours_cached_vs_raw,
    )
      .map(([name, r]) => `${name} ${r}×`)
      .join(', ')}.`,
  );
  if (t.w1_ours_vs_postgraphile !== null)
    lines.push(
      '',
      `Writes (W1): ours / PostGraphile ${t.w1_ours_vs_postgraphile}× req/s, ours' p99 ${t.w1_ours_p99_ms} ms; ours writes the change, its evidence quote, its revision and its status history in one transaction, PostGraphile the column.${t.w1_ours_cached_vs_ours === null ? '' : ` With the shared cache on (ours_cached), which each write invalidates before it answers and again from the change feed: ${t.w1_ours_cached_vs_ours}× ours' req/s.`}`,
    );
  const f = results.footprint;
  if (f) {
    const server = (name: string, footprint?: ServerFootprint) =>
      footprint
        ? `${name}: starts in ${footprint.start_ms} ms (to its first answer), ${footprint.idle_rss_mb} MB idle, ${footprint.peak_rss_mb ?? '–'} MB at its peak under the bench`
        : null;
    const embedded = f.ours_embedded
      ? `ours on the embedded database (medians of ${f.ours_embedded.runs}, to /health): first start ${f.ours_embedded.first_start_ms} ms (${f.ours_embedded.first_start_without_template_ms} ms without the install's template), warm start ${f.ours_embedded.warm_start_ms} ms, ${f.ours_embedded.idle_rss_mb} MB idle`
      : null;
    const parts = [embedded, server('ours on the bench database', f.ours), server('PostGraphile', f.postgraphile)];
    lines.push('', `Footprint: ${parts.filter(Boolean).join('; ')}.`);
  }
  const fan = results.fan_out;
  if (fan)
    lines.push(
      '',
      `Fan-out: ${fan.subscribers} SSE subscribers of revisionAdded over ${fan.instances} instances, one status change a second for ${fan.seconds} s (${fan.revisions} revisions): from a revision's time to each subscriber's receipt p50 ${fan.p50_ms} ms, p99 ${fan.p99_ms} ms, max ${fan.max_ms} ms; ${fan.lost} lost, ${fan.duplicates} received twice; peak RSS ${fan.rss_mb.join(' MB and ')} MB.`,
    );
  if (results.search_latency) {
    lines.push(
      '',
      "Search, one request at a time (ours: Q5's fields and totalCount, first 20):",
      '',
      '| query | characters | totalCount | p50 ms | p95 ms |',
      '|---|---:|---:|---:|---:|',
      ...results.search_latency.map(
        (s) => `| ${s.query} | ${s.characters} | ${s.total_count} | ${s.p50_ms} | ${s.p95_ms} |`,
      ),
    );
  }
  return lines.join('\n');
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Two grouped bar charts: req/s at concurrency 10 (log scale) and SQL statements per request. */
export function svgChart(results: Results): string {
  const ops = Object.keys(results.operations);
  const panelWidth = 440;
  const height = 360;
  const top = 40;
  const bottom = 300;
  const groupWidth = (panelWidth - 60) / ops.length;
  const barWidth = (groupWidth - 8) / implOrder.length;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${panelWidth * 2 + 20}" height="${height}" font-family="sans-serif" font-size="11">`,
    '<rect width="100%" height="100%" fill="white"/>',
  ];
  const panel = (x0: number, title: string, value: (r: Summary) => number, log: boolean) => {
    const values = ops.flatMap((op) =>
      implOrder
        .map((impl) => results.operations[op]?.results[impl])
        .filter(Boolean)
        .map((r) => value(r as Summary)),
    );
    const max = Math.max(1, ...values);
    // log10(1 + v): one statement still shows as a bar, and a thousand fits beside it.
    const scale = (v: number) => (log ? Math.log10(1 + Math.max(v, 0)) / Math.log10(1 + max * 1.2) : v / (max * 1.1));
    parts.push(`<text x="${x0 + 50}" y="20" font-size="13" font-weight="bold">${escapeXml(title)}</text>`);
    parts.push(`<line x1="${x0 + 48}" y1="${bottom}" x2="${x0 + panelWidth}" y2="${bottom}" stroke="#333"/>`);
    const ticks = log ? [1, 10, 100, 1000, 10000].filter((t) => t <= max * 1.2) : [0, max / 2, max].map(Math.round);
    if (log) ticks.unshift(0);
    for (const tick of ticks) {
      const y = bottom - scale(tick) * (bottom - top);
      parts.push(`<line x1="${x0 + 48}" y1="${y}" x2="${x0 + panelWidth}" y2="${y}" stroke="#ddd"/>`);
      parts.push(`<text x="${x0 + 44}" y="${y + 4}" text-anchor="end">${tick}</text>`);
    }
    ops.forEach((op, g) => {
      const gx = x0 + 52 + g * groupWidth;
      implOrder.forEach((impl, i) => {
        const r = results.operations[op]?.results[impl];
        if (!r) return;
        const h = scale(value(r)) * (bottom - top);
        const x = gx + i * barWidth;
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${(bottom - h).toFixed(1)}" width="${(barWidth - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${colours[impl]}"><title>${op} ${impl}: ${value(r)}</title></rect>`,
        );
      });
      parts.push(`<text x="${gx + groupWidth / 2 - 4}" y="${bottom + 16}" text-anchor="middle">${op}</text>`);
    });
  };
  panel(0, `req/s at 10 connections (log scale), size ${results.size}`, (r) => r.rps, true);
  panel(panelWidth + 20, 'SQL statements per request (log scale)', (r) => r.statements_per_request, true);
  implOrder.forEach((impl, i) => {
    const x = 60 + i * 130;
    parts.push(`<rect x="${x}" y="${height - 30}" width="12" height="12" fill="${colours[impl]}"/>`);
    parts.push(`<text x="${x + 16}" y="${height - 20}">${impl}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

const benchmarksMd = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../BENCHMARKS.md');
const startMarker = '<!-- bench:results -->';
const endMarker = '<!-- /bench:results -->';

export function writeReports(results: Results, output: string, updateDocs: boolean) {
  results.targets = targets(results);
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.writeFileSync(output, `${JSON.stringify(results, null, 2)}\n`);
  const chart = output.replace(/\.json$/, '.svg');
  fs.writeFileSync(chart, svgChart(results));
  console.log(markdownTable(results));
  if (!updateDocs || !fs.existsSync(benchmarksMd)) return;
  const doc = fs.readFileSync(benchmarksMd, 'utf8');
  const start = doc.indexOf(startMarker);
  const end = doc.indexOf(endMarker);
  if (start < 0 || end < start) return;
  fs.writeFileSync(
    benchmarksMd,
    `${doc.slice(0, start + startMarker.length)}\n${markdownTable(results)}\n${doc.slice(end)}`,
  );
}

// npm run bench:report — renders the chart and the table of BENCHMARKS.md again from bench/results/latest.json.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const latest = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'results/latest.json');
  writeReports(JSON.parse(fs.readFileSync(latest, 'utf8')) as Results, latest, true);
}
