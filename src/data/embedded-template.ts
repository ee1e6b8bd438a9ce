import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';

/** What a template's database is made from besides the code it was built with: the migrations and every document. */
const inputs = [path.join(projectRoot, 'prisma', 'migrations'), path.join(projectRoot, 'data', 'articles')];

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const at = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(at) : [at];
    })
    .sort();
}

/** A hash of the migrations and documents, so that a template made from others is never used. */
export function templateFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap((dir) => (fs.existsSync(dir) ? filesUnder(dir) : []))) {
    hash.update(path.relative(projectRoot, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const fingerprintFile = (template: string) => `${template}.fingerprint`;

/**
 * The data folder of a migrated and seeded embedded database, made by `npm run build`, when it was made
 * from the migrations and documents there are now: a new DATA_DIR starts from it instead of running
 * PostgreSQL's initdb, every migration and every seed (2.9 s of initdb alone here).
 */
export function readTemplate(template: string | undefined): Blob | undefined {
  if (!template || !fs.existsSync(template)) return undefined;
  const recorded = fs.existsSync(fingerprintFile(template)) && fs.readFileSync(fingerprintFile(template), 'utf8');
  if (recorded !== templateFingerprint()) return undefined;
  return new Blob([fs.readFileSync(template)]);
}

export function writeTemplate(template: string, data: Blob, fingerprint: string) {
  return data.arrayBuffer().then((bytes) => {
    fs.mkdirSync(path.dirname(template), { recursive: true });
    fs.writeFileSync(template, Buffer.from(bytes));
    fs.writeFileSync(fingerprintFile(template), fingerprint);
  });
}
