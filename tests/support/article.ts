import path from 'node:path';
import type { Curated } from '../../src/seed/curated.js';
import { articlesDir, readSourceFolder, type SourceFolder } from '../../src/seed/documents.js';
import { validateCurated } from '../../src/seed/validate.js';

/** The first article's folder, as seeding reads it. */
export const article = readSourceFolder(path.join(articlesDir, 'xiangyang-2012'));

/** Its curated entities, checked. */
export const curated = validateCurated(article);

/** Its agreement: the article reports one. */
export const agreement = curated.agreement as NonNullable<Curated['agreement']>;

/** The article's folder with other curated data, as if its entities.json held them. */
export function withEntities(entities: unknown): SourceFolder {
  return { ...article, entities };
}
