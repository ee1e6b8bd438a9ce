// npm run build — bundles the server (src/main.ts and what it imports, the generated Prisma client and
// most packages included) into dist/, which npm start runs, makes the embedded database's template, and bundles
// the explorer page (web/explore/, with the typed documents codegen made) into dist/explore/, compressed.
//   node scripts/build.mjs --if-stale   builds only when dist/ is missing or older than its sources
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'dist', 'main.js');
const outdir = path.dirname(outfile);
const sources = [
  'src',
  'scripts/embedded-template.ts',
  'prisma/migrations',
  'data/articles',
  'package-lock.json',
  'web',
  'schema/operations',
];

// Codegen rewrites generated/ on every run; the operations it is made from stand for it.
function newestChange(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat || path.basename(entry) === 'generated') return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  // A folder's own time changes when an entry is added, removed or renamed (a migration renamed keeps its file's time).
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

/** The explorer: its script and styles named by content hash, the graph library in a file of its own loaded later. */
async function buildExplorer(build) {
  const explore = path.join(outdir, 'explore');
  const web = path.join(root, 'web', 'explore');
  const { metafile } = await build({
    entryPoints: [path.join(web, 'main.tsx'), path.join(web, 'graph-library.ts')],
    outdir: path.join(explore, 'assets'),
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    metafile: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const entry = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint?.endsWith('main.tsx'));
  const script = path.basename(entry[0]);
  const styles = path.basename(entry[1].cssBundle);
  fs.writeFileSync(
    path.join(explore, 'index.html'),
    fs
      .readFileSync(path.join(web, 'index.html'), 'utf8')
      .replace('%SCRIPT%', `/explore/assets/${script}`)
      .replace('%STYLES%', `/explore/assets/${styles}`),
  );
  const files = ['index.html', ...fs.readdirSync(path.join(explore, 'assets')).map((name) => `assets/${name}`)];
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(explore, file));
    fs.writeFileSync(
      path.join(explore, `${file}.br`),
      brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
    fs.writeFileSync(path.join(explore, `${file}.gz`), gzipSync(bytes, { level: 9 }));
  }
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
  await buildExplorer(build);
  console.log(`Built ${path.relative(root, outfile)} in ${Math.round(performance.now() - started)} ms`);
}
