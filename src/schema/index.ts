import { lexicographicSortSchema } from 'graphql';
import { builder } from '../builder.js';
import './connection.js';
import './enums.js';
import './localized-text.js';
import './source.js';
import './party.js';
import './official.js';
import './agreement.js';
import './commitment.js';
import './industry.js';
import './related-report.js';
import './search.js';

builder.queryType({
  description: 'The knowledge graph of the 2012 Xiangyang–Hubei quality supervision agreement.',
});

export const schema = lexicographicSortSchema(builder.toSchema());
