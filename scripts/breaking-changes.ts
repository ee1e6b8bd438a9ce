import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { projectRoot } from '../src/config.js';

/** The SDL consumers generate clients from, printed from the code by npm run schema:print. */
export const schemaFile = path.join(projectRoot, 'schema', 'schema.graphql');
/** The same schema as a federation subgraph (with @link and @key), for composing a supergraph. */
export const subgraphFile = path.join(projectRoot, 'schema', 'subgraph.graphql');
export const declarationsFile = path.join(projectRoot, 'schema', 'breaking-changes.json');

/** Breaking changes must be listed here, each with why it was worth breaking consumers. */
export interface Declaration {
  change: string;
  reason: string;
}

/** The committed SDL at a git revision, or null where the history is not at hand (no git, shallow clone). */
export function committedSchema(revision: string): GraphQLSchema | null {
  try {
    const sdl = execFileSync('git', ['show', `${revision}:schema/schema.graphql`], {
      cwd: projectRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return buildSchema(sdl);
  } catch {
    return null;
  }
}

/** The breaking changes from `before` to `after` that schema/breaking-changes.json does not declare. */
export async function undeclaredBreakingChanges(
  before: GraphQLSchema,
  after: GraphQLSchema,
  declarations: Declaration[] = JSON.parse(fs.readFileSync(declarationsFile, 'utf8')),
): Promise<string[]> {
  const declared = new Set(declarations.map((d) => d.change));
  const changes = await diff(before, after);
  return changes
    .filter((change) => change.criticality.level === CriticalityLevel.Breaking)
    .map((change) => change.message)
    .filter((message) => !declared.has(message));
}
