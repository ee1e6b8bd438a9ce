import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.js';
import { withListCursors } from './cursors.js';
import './shared/connections.js';
import './shared/enums.js';
import './shared/localized-text.js';
import './types/source-document.js';
import './types/party.js';
import './types/official.js';
import './types/agreement.js';
import './types/commitment.js';
import './types/industry.js';
import './types/related-report.js';
import './types/search.js';

builder.queryType({
  description: 'The knowledge graph of the 2012 Xiangyang–Hubei quality supervision agreement.',
});

export const schema = withListCursors(lexicographicSortSchema(builder.toSchema()));

/** The SDL as committed in schema/schema.graphql. */
export function printedSchema(): string {
  return `${printSchema(schema)}\n`;
}
