// npm run build — bundles the server (src/main.ts and what it imports, the generated Prisma client and
// most packages included) into dist/, which npm start runs, and makes the embedded database's template.
//   node scripts/build.mjs --if-stale   builds only when dist/ is missing or older than its sources
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'dist', 'main.js');
const outdir = path.dirname(outfile);
const sources = ['src', 'scripts/embedded-template.ts', 'prisma/migrations', 'data/articles', 'package-lock.json'];

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
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: {
      main: path.join(root, 'src', 'main.ts'),
      'embedded-template': path.join(root, 'scripts', 'embedded-template.ts'),
    },
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Packages that find files of their own beside their modules (WebAssembly, data) stay in node_modules.
    external: [
      '@electric-sql/pglite',
      '@prisma/*',
      'pglite-prisma-adapter',
      '@opentelemetry/*',
      'pino',
      'pg',
      'pg-native',
    ],
    sourcemap: true,
    // CommonJS packages bundled into ESM still require Node's built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  execFileSync(process.execPath, [path.join(outdir, 'embedded-template.js')], { stdio: 'inherit' });
  console.log(`Built ${path.relative(root, outfile)} in ${Math.round(performance.now() - started)} ms`);
}
