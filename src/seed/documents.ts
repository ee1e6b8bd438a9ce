import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';
import { cleanArticle } from '../text/clean.js';

/** Where each source document lives: a folder named by its key, with the text as received and its curated entities. */
export const articlesDir = path.join(projectRoot, 'data', 'articles');

export class SeedDataError extends Error {
  override name = 'SeedDataError';
}

/** One source document's folder, read: the text as received, the cleaned text quotes index into, and its curated data (unchecked). */
export interface SourceFolder {
  key: string;
  dir: string;
  rawText: string;
  text: string;
  entities: unknown;
}

export function readSourceFolder(dir: string): SourceFolder {
  const read = (file: string) => {
    const at = path.join(dir, file);
    try {
      return fs.readFileSync(at, 'utf8');
    } catch (error) {
      throw new SeedDataError(`${at} cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`);
    }
  };
  const rawText = read('article.txt');
  let entities: unknown;
  try {
    entities = JSON.parse(read('entities.json'));
  } catch (error) {
    if (error instanceof SeedDataError) throw error;
    throw new SeedDataError(`${path.join(dir, 'entities.json')} is not valid JSON: ${(error as Error).message}`);
  }
  return { key: path.basename(dir), dir, rawText, text: cleanArticle(rawText), entities };
}

/** Every document under `root`, in the order of their keys. */
export function readSourceFolders(root = articlesDir): SourceFolder[] {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => readSourceFolder(path.join(root, name)));
}
