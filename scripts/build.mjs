// npm run build — bundles the server (src/main.ts and what it imports, the generated Prisma client
// included; packages stay in node_modules) into dist/main.js, which npm start runs.
//   node scripts/build.mjs --if-stale   builds only when dist/ is missing or older than its sources
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'dist', 'main.js');
const sources = ['src', 'package-lock.json', 'tsconfig.json'];

function newestChange(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

function isStale() {
  const built = fs.statSync(outfile, { throwIfNoEntry: false });
  return !built || sources.some((source) => newestChange(path.join(root, source)) > built.mtimeMs);
}

if (!process.argv.includes('--if-stale') || isStale()) {
  const started = performance.now();
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(root, 'src', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  console.log(`Built ${path.relative(root, outfile)} in ${Math.round(performance.now() - started)} ms`);
}
