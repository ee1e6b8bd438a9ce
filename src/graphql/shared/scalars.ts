import { GraphQLError, Kind } from 'graphql';
import { builder } from '../builder.js';

const invalid = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** A calendar day: YYYY-MM-DD that names a real day. */
export function parseDay(value: unknown): Date {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!day || day.toISOString().slice(0, 10) !== value) {
    throw invalid(`${JSON.stringify(value)?.slice(0, 40)} is not a date: write a day as YYYY-MM-DD, e.g. 2013-05-01.`);
  }
  return day;
}

export const formatDay = (day: Date) => day.toISOString().slice(0, 10);

builder.scalarType('Date', {
  description: 'A calendar day, ISO 8601 (2012-03-15).',
  serialize: (day) => formatDay(day),
  parseValue: parseDay,
  parseLiteral: (ast) => parseDay(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseInstant(value: unknown): Date {
  const valid =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const instant = valid ? new Date(value) : null;
  if (!instant || Number.isNaN(instant.getTime())) {
    throw invalid(
      `${JSON.stringify(value)?.slice(0, 40)} is not an instant: write it as ISO 8601 with an offset, e.g. 2026-12-04T02:00:00Z.`,
    );
  }
  return instant;
}

builder.scalarType('DateTime', {
  description: 'An instant, ISO 8601 with offset (2026-12-04T02:00:00Z).',
  serialize: (instant) => instant.toISOString(),
  parseValue: parseInstant,
  parseLiteral: (ast) => parseInstant(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('JSON', {
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
});
