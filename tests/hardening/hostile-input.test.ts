// Property-based hostile input: random and mutated operations walked from the schema, malformed
// bodies, wrong content types and methods, bad query strings, huge variables and invalid IDs, all
// thrown at the app in-process. Whatever comes in, the answer is never a 5xx (nor a 500 masked as
// a 200 with INTERNAL_SERVER_ERROR), JSON bodies parse, errors leak no internals, a 4xx comes back
// where a 4xx is the right answer, and memory stays bounded. Seeds are fixed (HOSTILE_SEED overrides
// them) so a failure replays; fast-check prints the shrunk counterexample and the response.
// HOSTILE_SURVEY=1 runs every case without stopping and prints each distinct kind of failure (it does
// not fail the tests): a way to see everything that is wrong at once rather than one case per property.
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { decodeGlobalID } from '@pothos/plugin-relay';
import fc from 'fast-check';
import {
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  validate,
} from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { errorCodes } from '../../src/graphql/errors.js';
import { schema } from '../../src/graphql/schema.js';
import { apiConfig, useApp } from '../support/app.js';

const adminToken = 'fictional-hostile-admin-token-0123456789';
const { app, makeApp } = useApp();
/** The same API with an operator's token, so that hostile mutations reach their resolvers. */
const writable = makeApp(
  apiConfig({ auth: { adminToken, jwt: undefined, failuresPerMinute: 1_000_000, trustProxy: false } }),
);
/** An API that counts failed tokens as the shipped default does. */
const guarded = makeApp(apiConfig({ auth: { adminToken, jwt: undefined, failuresPerMinute: 10, trustProxy: true } }));

const baseSeed = Number(process.env.HOSTILE_SEED ?? 20120523);

// ---------------------------------------------------------------------------------------------
// Sending and checking
// ---------------------------------------------------------------------------------------------

interface HttpCase {
  method?: string;
  /** Path and query string, e.g. /graphql?query=… */
  target: string;
  headers?: Record<string, string>;
  body?: string;
  /** Send the body as bytes, so that no content-type is implied. */
  bytes?: boolean;
}

interface Reply {
  status: number;
  contentType: string | null;
  text: string;
  ms: number;
}

const timings = new Map<string, { runs: number; totalMs: number; maxMs: number }>();

/**
 * The body, or for a stream (SSE, multipart) what came before it went quiet for 200 ms: a subscription that was
 * accepted stays open, waiting for revisions, and is cancelled there.
 */
async function bodyText(response: Response): Promise<string> {
  if (!/event-stream|multipart\/mixed/.test(response.headers.get('content-type') ?? '') || !response.body)
    return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const chunk = await Promise.race([
      reader.read(),
      new Promise<'quiet'>((resolve) => {
        timer = setTimeout(() => resolve('quiet'), 200);
      }),
    ]);
    clearTimeout(timer);
    if (chunk === 'quiet') {
      await reader.cancel();
      return text;
    }
    if (chunk.done) return text + decoder.decode();
    text += decoder.decode(chunk.value, { stream: true });
  }
}

async function send(label: string, c: HttpCase, to = app): Promise<Reply> {
  // A fresh headers object every time: the fetch ponyfill writes content-length into the one it is given.
  const init: RequestInit = { method: c.method ?? 'GET', headers: { ...c.headers } };
  if (c.body !== undefined) init.body = c.bytes ? new TextEncoder().encode(c.body) : c.body;
  const started = performance.now();
  const response = await to.fetch(`http://api.test${c.target}`, init);
  const text = await bodyText(response);
  const ms = performance.now() - started;
  const t = timings.get(label) ?? { runs: 0, totalMs: 0, maxMs: 0 };
  timings.set(label, { runs: t.runs + 1, totalMs: t.totalMs + ms, maxMs: Math.max(t.maxMs, ms) });
  return { status: response.status, contentType: response.headers.get('content-type'), text, ms };
}

function clip(value: string, max = 400) {
  return value.length > max ? `${value.slice(0, max)}… (${value.length} chars)` : value;
}

function show(c: HttpCase) {
  const body = c.body === undefined ? '' : `\n  body${c.bytes ? ' (bytes)' : ''}: ${clip(JSON.stringify(c.body))}`;
  return `${c.method ?? 'GET'} ${clip(c.target)}\n  headers: ${JSON.stringify(c.headers ?? {})}${body}`;
}

/** What no response may contain: ORM and SQL text, stack frames, paths of the machine. */
const internals = [
  /prisma/i,
  /Invalid `/,
  /\bSELECT\b/,
  /\/work\//,
  /node_modules/,
  /file:\/\//,
  /\n\s+at /,
  /\bat (?:async )?\S+ \(.*:\d+:\d+\)/,
  /\.(?:ts|js|mjs|cjs):\d+:\d+/,
];
const hygienic = (s: string) => !internals.some((re) => re.test(s));

function jsonPayloads(r: Reply): unknown[] {
  const ct = r.contentType ?? '';
  if (/json/i.test(ct)) return [JSON.parse(r.text)];
  if (/text\/event-stream/i.test(ct)) {
    return r.text
      .split('\n')
      .filter((line) => line.startsWith('data:') && line.slice(5).trim() !== '')
      .map((line) => JSON.parse(line.slice(5)));
  }
  if (/multipart\/mixed/i.test(ct)) {
    return r.text
      .split(/\r\n-{3,}\r?\n?/)
      .filter((part) => /content-type:[^\r\n]*json/i.test(part))
      .map((part) => JSON.parse(part.slice(part.indexOf('\r\n\r\n') + 4).trim()));
  }
  return [];
}

interface GraphQLErrorLike {
  message?: unknown;
  path?: unknown;
  extensions?: { code?: unknown } & Record<string, unknown>;
}

/** The properties every reply must have, whatever was sent. Returns the parsed JSON payloads. */
function check(c: HttpCase, r: Reply, expect4xx?: string | false): Record<string, any>[] {
  const where = () => `\nrequest: ${show(c)}\nresponse: ${r.status} ${r.contentType}\n  ${clip(r.text, 800)}`;
  if (r.status >= 500) throw new Error(`status ${r.status} (a 5xx)${where()}`);
  let payloads: unknown[];
  try {
    payloads = jsonPayloads(r);
  } catch (error) {
    throw new Error(`content-type says JSON but the body does not parse: ${(error as Error).message}${where()}`);
  }
  const results = payloads.flatMap((p) => (Array.isArray(p) ? p : [p]));
  for (const result of results) {
    if (result === null || typeof result !== 'object') throw new Error(`a JSON reply that is not an object${where()}`);
    const { errors } = result as { errors?: unknown };
    if (errors === undefined) continue;
    if (!Array.isArray(errors)) throw new Error(`"errors" is not a list${where()}`);
    for (const e of errors as GraphQLErrorLike[]) {
      if (typeof e?.message !== 'string') throw new Error(`an error without a message${where()}`);
      const leak = internals.find((re) => re.test(e.message as string) || re.test(JSON.stringify(e.extensions ?? {})));
      if (leak) throw new Error(`an error leaks internals (${leak})${where()}`);
      if (e.extensions?.code === 'INTERNAL_SERVER_ERROR' || e.message === 'Unexpected error.')
        throw new Error(`an unexpected server error (a 500 in a ${r.status} envelope)${where()}`);
      const code = e.extensions?.code;
      if (typeof code !== 'string' || !Object.hasOwn(errorCodes, code))
        throw new Error(`an error whose code (${String(code)}) is not one of src/graphql/errors.ts${where()}`);
    }
  }
  // A client that asks for a stream (SSE, incremental delivery) gets its request errors as events in a 200.
  const streaming = /event-stream|multipart\/mixed/.test(c.headers?.accept ?? '');
  if (expect4xx && !streaming && (r.status < 400 || r.status >= 500))
    throw new Error(`status ${r.status} where a 4xx is right (${expect4xx})${where()}`);
  return results as Record<string, any>[];
}

const csrf = { 'x-graphql-yoga-csrf': '1' };
const acceptArb = fc.constantFrom(
  'application/graphql-response+json',
  'application/graphql-response+json',
  'application/json',
  'application/graphql-response+json, application/json;q=0.9',
  '*/*',
  'text/event-stream',
  'multipart/mixed',
  'text/html',
  'application/xml',
  '',
);
const strictAccept = (accept: string) => accept === 'application/graphql-response+json';

/**
 * fc.assert with a fixed seed per property. With HOSTILE_SURVEY=1 it instead runs every case without
 * stopping or shrinking and prints each distinct kind of failure once, to see all that is wrong at once.
 */
async function assertProperty<T>(
  name: string,
  arb: fc.Arbitrary<T>,
  numRuns: number,
  predicate: (v: T) => Promise<void>,
) {
  const seed = baseSeed + [...name].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
  try {
    if (!process.env.HOSTILE_SURVEY) return await fc.assert(fc.asyncProperty(arb, predicate), { seed, numRuns });
    await survey(name, arb, numRuns, seed, predicate);
  } finally {
    const now = memory();
    console.log(`[${name}] memory after: rss ${mb(now.rss)}, heap ${mb(now.heapUsed)}`);
  }
}

async function survey<T>(
  name: string,
  arb: fc.Arbitrary<T>,
  numRuns: number,
  seed: number,
  predicate: (v: T) => Promise<void>,
) {
  const kinds = new Map<string, { count: number; example: string }>();
  for (const value of fc.sample(arb, { seed, numRuns })) {
    try {
      await predicate(value);
    } catch (error) {
      const message = (error as Error).message;
      const response = message.slice(message.indexOf('response:'));
      const kind = `${message.split('\n')[0]} | ${response.replace(/"requestId":"[^"]*"/g, '').slice(0, 160)}`;
      const known = kinds.get(kind);
      kinds.set(kind, { count: (known?.count ?? 0) + 1, example: known?.example ?? message });
    }
  }
  for (const [kind, { count, example }] of kinds) console.log(`[${name}] ${count}× ${kind}\n${example}\n`);
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

const nodeTypes = schema.getPossibleTypes(schema.getType('Node') as never).map((t) => t.name);
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

const stringArb = fc
  .oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)), maxLength: 5 }),
    fc.constantFrom(
      '',
      ' ',
      '襄阳',
      '襄陽',
      'xiangyang',
      'Xiāngyáng',
      '\u0000',
      'a\u0000b',
      '%',
      '_',
      '\\',
      "'",
      '"',
      '\n',
      '\ud800',
      '🙂',
      '\u202e',
      'x'.repeat(300),
      '%_%\\',
      "'; --",
    ),
  )
  .filter(hygienic);

const numberTextArb = fc.oneof(
  fc.integer().map(String),
  fc.constantFrom(
    '0',
    '-1',
    '-50',
    '1e3',
    '1e30',
    '99999999999999999999',
    '2147483648',
    '1.5',
    'NaN',
    'Infinity',
    'x',
    '',
    ' 1',
    '1 ',
    '+1',
    '0x10',
    '00',
    '١٢',
    '１',
  ),
);

const cursorArb = fc.oneof(
  stringArb,
  fc.base64String({ maxLength: 40 }),
  fc
    .tuple(
      // Cursors name their list (src/graphql/cursors.ts): right ones, wrong ones, none.
      fc.constantFrom('Query.parties|', 'Query.search|', 'Agreement.commitments|', 'Nope|', '|', '||', ''),
      fc.constantFrom('OffsetConnection:', 'GPC:N:', 'GPC:S:', 'GPC:J:', 'GPC:D:', 'GPC:', 'arrayconnection:', ''),
      fc.oneof(
        numberTextArb,
        stringArb,
        fc.constantFrom('{"id":1}', '{"id":{"gt":1}}', '[1]', 'null', '"a"', '{}', '{"__proto__":{"x":1}}'),
      ),
    )
    .map(([list, prefix, rest]) => b64(list + prefix + rest)),
);

const idArb: fc.Arbitrary<string | number> = fc.oneof(
  stringArb,
  fc.base64String({ maxLength: 40 }),
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom(...nodeTypes),
        fc.constantFrom('Secret', 'party', 'Node', 'Query', '__Type', 'PageInfo', 'Party ', '', 'User'),
        stringArb,
      ),
      fc.constantFrom(':', '::', ':-', ': ', ''),
      fc.oneof(numberTextArb, stringArb),
    )
    .map(([type, sep, id]) => b64(`${type}${sep}${id}`)),
  fc.constantFrom(...nodeTypes).map((t) => b64(`${t}:1`).replace(/=+$/, '')),
  // Well-formed IDs that name nothing: NotFoundError, past the checks of the ID itself.
  fc.constantFrom(...nodeTypes).map((t) => b64(`${t}:999999`)),
  fc.constantFrom(...nodeTypes).map((t) => ` ${b64(`${t}:1`)}\n`),
  fc.constantFrom(...nodeTypes).map((t) => b64(`${t}:1`).replace(/\+/g, '-').replace(/\//g, '_')),
  fc.integer(),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 + 1, 1e21, -1e21, Number.MAX_SAFE_INTEGER),
);

const intArb = fc.oneof(
  fc.constantFrom(0, 1, -1, 2, 5, 20, 99, 100, 101, 1000, 2147483647, -2147483648),
  fc.integer({ min: -1000, max: 1000 }),
);
const dayArb = fc.oneof(
  fc
    .date({ min: new Date('1899-01-01'), max: new Date('3000-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2012-01-01', '2013-02-29', '2012-02-29', '0000-00-00', '2013-13-01', '2013-1-1', '20130101', ''),
  stringArb,
);
const instantArb = fc.oneof(
  fc
    .date({ min: new Date('1900-01-01'), max: new Date('3000-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom('2012-01-01T00:00:00Z', '2012-01-01T25:00:00Z', '2012-01-01T00:00:00', '2012-01-01T00:00:00+14:00'),
  stringArb,
);
const wrongLiteralArb = fc.oneof(
  fc.constantFrom(
    'null',
    'true',
    '1.5',
    '-0',
    '1e309',
    '99999999999999999999',
    '"x"',
    '""',
    '{ a: 1 }',
    '[1, "x", null]',
    '[[[]]]',
    'NOPE',
    'GOVERNMENT',
    '$undeclared',
    '"""block\nstring"""',
    '"\\u0000"',
    '"\\ud800"',
  ),
  stringArb.map((s) => JSON.stringify(s)),
  fc.integer().map(String),
);
const wrongJsonArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, 1.5, -1, 2 ** 31, 1e300, '', 'x', [], [null], {}, { a: 1 }, [[['deep']]]),
  stringArb,
  fc.integer(),
);

// ---------------------------------------------------------------------------------------------
// Operations walked from the schema
// ---------------------------------------------------------------------------------------------

type Gen = fc.GeneratorValue;
const int = (g: Gen, min: number, max: number) => g(fc.integer, { min, max });
const chance = (g: Gen, percent: number) => int(g, 0, 99) < percent;
const pick = <T>(g: Gen, items: readonly T[]): T => items[int(g, 0, items.length - 1)] as T;

interface Operation {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
}

/**
 * Walks the schema from Query: random fields, aliases, arguments of the right and of wrong types,
 * literals or variables, inline and named fragments, directives, nesting to a random depth. With
 * `valid`, only well-typed pieces, so the operation parses and (nearly always) validates.
 */
class OperationBuilder {
  private declarations: string[] = [];
  private variables: Record<string, unknown> = {};
  private fragments: string[] = [];
  private counter = 0;
  private maxDepth: number;

  constructor(
    private g: Gen,
    private valid: boolean,
    private rootKind: 'query' | 'mutation' = 'query',
  ) {
    this.maxDepth = int(g, 1, 8);
  }

  build(): Operation {
    const g = this.g;
    const root = this.rootKind === 'mutation' ? schema.getMutationType()! : schema.getQueryType()!;
    const selection = this.selectionSet(root, 0);
    const keyword = this.valid
      ? this.rootKind
      : pick(g, [this.rootKind, this.rootKind, this.rootKind, 'query', 'mutation', 'subscription']);
    const named = !this.valid && chance(g, 30);
    const vars = this.declarations.length ? `(${this.declarations.join(', ')})` : '';
    const head = named || vars || keyword !== 'query' ? `${keyword}${named ? ' Op' : ''}${vars} ` : '';
    let query = `${head}${selection}`;
    let operationName: string | undefined;
    if (named && chance(g, 30)) {
      query += ' query Other { __typename }';
      operationName = pick(g, ['Op', 'Other', 'Missing', '']);
    }
    if (!this.valid && chance(g, 5)) this.fragments.push('fragment Unused on Party { id }');
    if (!this.valid && chance(g, 5)) query = query.replace('{', '{ ...Undefined ');
    return { query: [query, ...this.fragments].join('\n'), variables: this.variables, operationName };
  }

  private selectionSet(type: GraphQLCompositeType, depth: number): string {
    const g = this.g;
    const parts: string[] = [];
    if (isObjectType(type) || isInterfaceType(type)) {
      const fields = Object.values(type.getFields());
      for (let i = int(g, 1, 4); i > 0; i--) {
        if (!this.valid && chance(g, 4)) parts.push(pick(g, ['nope', 'password', 'name', 'edges', 'id(x: 1)']));
        else if (chance(g, 8)) parts.push(`${this.alias()}__typename`);
        else parts.push(this.field(pick(g, fields), depth));
      }
      if (depth === 0 && !this.valid && chance(g, 5)) parts.push('__type(name: "Party") { name }');
    }
    if (isAbstractType(type)) {
      if (chance(g, 50)) parts.push('__typename');
      const possible = schema.getPossibleTypes(type);
      for (let i = int(g, 1, 2); i > 0; i--) {
        const on = pick(g, possible);
        parts.push(`... on ${on.name} ${this.selectionSet(on, depth + 1)}`);
      }
      if (!this.valid && chance(g, 5)) parts.push('... on PageInfo { hasNextPage }');
    }
    const body = parts.join(' ');
    if (depth > 0 && chance(g, 12)) {
      const name = `F${this.counter++}`;
      this.fragments.push(`fragment ${name} on ${type.name} { ${body} }`);
      return `{ ...${name}${this.directive()} }`;
    }
    if (chance(g, 8)) return `{ ... ${this.directive()} { ${body} } }`;
    return `{ ${body} }`;
  }

  private alias() {
    return chance(this.g, 15) ? `a${this.counter++}: ` : '';
  }

  private directive() {
    const g = this.g;
    if (!chance(g, 10)) return '';
    if (this.valid) return pick(g, [' @include(if: true)', ' @skip(if: false)']);
    if (chance(g, 30)) {
      const name = `b${this.counter++}`;
      this.declarations.push(`$${name}: Boolean!`);
      if (chance(g, 80)) this.variables[name] = g(() => fc.oneof(fc.boolean(), wrongJsonArb));
      return ` @include(if: $${name})`;
    }
    return pick(g, [
      ' @include(if: true)',
      ' @skip(if: "x")',
      ' @include',
      ' @deprecated',
      ' @foo',
      ' @skip(if: null)',
    ]);
  }

  private field(f: GraphQLField<unknown, unknown>, depth: number): string {
    const g = this.g;
    const named = getNamedType(f.type);
    let selection = '';
    if (isCompositeType(named)) {
      if (!this.valid && chance(g, 3)) selection = '';
      else if (depth >= this.maxDepth) selection = this.leafSelection(named);
      else selection = this.selectionSet(named, depth + 1);
    } else if (!this.valid && chance(g, 3)) {
      selection = '{ x }';
    }
    return `${this.alias()}${f.name}${this.arguments(f)}${this.directive()} ${selection}`;
  }

  private leafSelection(type: GraphQLNamedType): string {
    if (!isObjectType(type)) return '{ __typename }';
    const leaves = Object.values(type.getFields()).filter((f) => isLeafType(getNamedType(f.type)) && !f.args.length);
    return leaves.length ? `{ ${pick(this.g, leaves).name} }` : '{ __typename }';
  }

  private arguments(f: GraphQLField<unknown, unknown>): string {
    const g = this.g;
    const parts: string[] = [];
    for (const arg of f.args) {
      const include = isNonNullType(arg.type) ? this.valid || chance(g, 92) : chance(g, 35);
      if (include) parts.push(`${arg.name}: ${this.argument(arg.name, arg.type)}`);
    }
    if (!this.valid && chance(g, 4)) parts.push(`${pick(g, ['foo', 'where', 'limit', 'orderBy'])}: 1`);
    if (!this.valid && chance(g, 3) && parts.length) parts.push(parts[0]!);
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  private argument(name: string, type: GraphQLInputType): string {
    const g = this.g;
    const right = this.valid || chance(g, 75);
    if (!chance(g, 30)) return this.literal(name, type, right);
    const variable = `v${this.counter++}`;
    const declared = this.valid || chance(g, 85) ? String(type) : pick(g, ['String', 'Int!', '[ID]', 'Foo', 'Boolean']);
    this.declarations.push(`$${variable}: ${declared}`);
    if (this.valid || chance(g, 95)) this.variables[variable] = this.json(name, type, right);
    return `$${variable}`;
  }

  private literal(name: string, type: GraphQLInputType, right: boolean): string {
    const g = this.g;
    if (!right) return g(() => wrongLiteralArb);
    if (isNonNullType(type)) return this.literal(name, type.ofType, true);
    if (!this.valid && chance(g, 5)) return 'null';
    if (isListType(type)) {
      const items = Array.from({ length: int(g, 0, 4) }, () => this.literal(name, type.ofType, true));
      return `[${items.join(', ')}]`;
    }
    const named = getNamedType(type);
    if (isEnumType(named)) return pick(g, named.getValues()).name;
    if (isInputObjectType(named)) {
      const fields = Object.values(named.getFields()).filter(
        (field) => (isNonNullType(field.type) && (this.valid || chance(g, 92))) || chance(g, 50),
      );
      return `{ ${fields.map((field) => `${field.name}: ${this.literal(field.name, field.type, right)}`).join(', ')} }`;
    }
    const value = this.scalar(name, named.name);
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
  }

  private json(name: string, type: GraphQLInputType, right: boolean): unknown {
    const g = this.g;
    if (!right) return g(() => wrongJsonArb);
    if (isNonNullType(type)) return this.json(name, type.ofType, true);
    if (!this.valid && chance(g, 5)) return null;
    if (isListType(type)) return Array.from({ length: int(g, 0, 4) }, () => this.json(name, type.ofType, true));
    const named = getNamedType(type);
    if (isEnumType(named)) return pick(g, named.getValues()).name;
    if (isInputObjectType(named)) {
      const fields = Object.values(named.getFields()).filter(
        (field) => (isNonNullType(field.type) && (this.valid || chance(g, 92))) || chance(g, 50),
      );
      return Object.fromEntries(fields.map((field) => [field.name, this.json(field.name, field.type, right)]));
    }
    return this.scalar(name, named.name);
  }

  private scalar(name: string, typeName: string): unknown {
    const g = this.g;
    if (name === 'after' || name === 'before') return g(() => cursorArb);
    switch (typeName) {
      case 'Int':
        return g(() => intArb);
      case 'Float':
        return g(fc.double, { noNaN: true, noDefaultInfinity: true });
      case 'Boolean':
        return g(fc.boolean);
      case 'ID': {
        const id = g(() => idArb);
        return this.valid ? String(id) : id;
      }
      case 'Date':
        return g(() => dayArb);
      case 'DateTime':
        return g(() => instantArb);
      default:
        return g(() => stringArb);
    }
  }
}

const operationArb = (valid: boolean) => fc.gen().map((g) => new OperationBuilder(g, valid).build());
const mutationOperationArb = fc.oneof(
  fc.gen().map((g) => new OperationBuilder(g, true, 'mutation').build()),
  fc.gen().map((g) => new OperationBuilder(g, false, 'mutation').build()),
);
/** Well-typed operations reach the resolvers with hostile values; ill-typed ones exercise validation. */
const anyOperationArb = fc.oneof(operationArb(true), operationArb(false));

const examples = fs
  .readdirSync(path.join(import.meta.dirname, '..', '..', 'schema', 'operations'))
  .filter((file) => file.endsWith('.graphql'))
  .map((file) => fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'schema', 'operations', file), 'utf8'));

/** 4xx is the right answer, under the strict media type, to a document that does not parse or validate. */
function documentProblem(query: string): string | false {
  try {
    const errors = validate(schema, parse(query));
    return errors.length ? `does not validate: ${errors[0]?.message}` : false;
  } catch (error) {
    return `does not parse: ${(error as Error).message}`;
  }
}

type Transport = 'post' | 'get';

function operationCase(op: Operation, transport: Transport, accept: string): HttpCase {
  const headers: Record<string, string> = accept ? { accept } : {};
  if (transport === 'get') {
    const params = new URLSearchParams({ query: op.query });
    if (Object.keys(op.variables).length) params.set('variables', JSON.stringify(op.variables));
    if (op.operationName !== undefined) params.set('operationName', op.operationName);
    return { target: `/graphql?${params}`, headers: { ...headers, ...csrf } };
  }
  return {
    method: 'POST',
    target: '/graphql',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(op),
  };
}

// ---------------------------------------------------------------------------------------------
// Mutations of valid documents
// ---------------------------------------------------------------------------------------------

const tokenPattern = /[_A-Za-z][_0-9A-Za-z]*|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|"(?:[^"\\]|\\.)*"|\.\.\.|\s+|./gs;

interface Mutation {
  op:
    | 'delete'
    | 'deleteRange'
    | 'duplicate'
    | 'swap'
    | 'insert'
    | 'truncate'
    | 'dropToken'
    | 'duplicateToken'
    | 'swapTokens'
    | 'shuffleTokens';
  a: number;
  b: number;
  text: string;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom(
    'delete',
    'deleteRange',
    'duplicate',
    'swap',
    'insert',
    'truncate',
    'dropToken',
    'duplicateToken',
    'swapTokens',
    'shuffleTokens',
  ),
  a: fc.nat(),
  b: fc.nat({ max: 40 }),
  text: fc.constantFrom(
    '{',
    '}',
    '(',
    ')',
    '[',
    ']',
    '"',
    '"""',
    '$',
    '@',
    '!',
    '...',
    ':',
    '=',
    '|',
    '#',
    '\\',
    ',',
    '&',
    '-',
    '.',
    '0',
    '\u0000',
    '\ud800',
    '\u2028',
    '\ufeff',
    '\n',
    'on',
    'fragment',
    'query',
    'null',
    '__typename',
    '襄',
  ),
});

function mutate(doc: string, m: Mutation): string {
  const at = (n: number, length: number) => (length ? n % (length + 1) : 0);
  const i = at(m.a, doc.length);
  switch (m.op) {
    case 'delete':
      return doc.slice(0, i) + doc.slice(i + 1);
    case 'deleteRange':
      return doc.slice(0, i) + doc.slice(i + m.b);
    case 'duplicate':
      return doc.slice(0, i + m.b) + doc.slice(i, i + m.b) + doc.slice(i + m.b);
    case 'swap': {
      const j = at(m.a + m.b, doc.length - 1);
      const chars = [...doc];
      [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
      return chars.join('');
    }
    case 'insert':
      return doc.slice(0, i) + m.text + doc.slice(i);
    case 'truncate':
      return doc.slice(0, i);
    default: {
      const tokens = doc.match(tokenPattern) ?? [];
      const t = at(m.a, tokens.length - 1);
      const u = at(m.a + m.b, tokens.length - 1);
      if (m.op === 'dropToken') tokens.splice(t, 1);
      if (m.op === 'duplicateToken') tokens.splice(t, 0, tokens[t] ?? '');
      if (m.op === 'swapTokens') [tokens[t], tokens[u]] = [tokens[u] ?? '', tokens[t] ?? ''];
      if (m.op === 'shuffleTokens') {
        const [lo, hi] = [Math.min(t, u), Math.max(t, u)];
        const slice = tokens.slice(lo, hi + 1);
        // A deterministic shuffle driven by the mutation's numbers, so the case replays.
        slice.sort((x, y) => ((x.length * 31 + m.a) % 7) - ((y.length * 31 + m.b) % 7));
        tokens.splice(lo, slice.length, ...slice);
      }
      return tokens.join('');
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Bodies, content types, methods, query strings
// ---------------------------------------------------------------------------------------------

const validRequest = JSON.stringify({ query: '{ parties(first: 2) { totalCount } }' });
const isJson = (s: string) => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
};
const isMap = (v: unknown) => v === null || (typeof v === 'object' && !Array.isArray(v));

const brokenJsonArb = fc
  .oneof(
    fc.nat({ max: validRequest.length - 1 }).map((n) => validRequest.slice(0, n)),
    fc.constantFrom(
      '',
      '{',
      '}',
      '{"query":}',
      '{"query":"{__typename}",}',
      "{'query':'{__typename}'}",
      '{"query":"{__typename}"}}',
      '{"query":"{__typename}"} trailing',
      '\ufeff{"query":"{__typename}"}',
      '{"query":NaN}',
      '{"query":"\\x41"}',
      '{"query":"\\ud800\\"}',
      'undefined',
      '[1,]',
      '{"a":1}{"b":2}',
      `${'['.repeat(5000)}`,
    ),
    fc.string({ unit: 'binary', maxLength: 200 }),
  )
  .filter((s) => !isJson(s) && hygienic(s));

const nonObjectJsonArb = fc.constantFrom('null', '0', '-1.5', '"query"', 'true', 'false', '"{__typename}"', '1e400');

interface FieldsCase {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  extensions?: unknown;
  extra?: [string, unknown];
}

const fieldsArb: fc.Arbitrary<FieldsCase> = fc.record(
  {
    query: fc.oneof(
      fc.constant('{ __typename }'),
      fc.constantFrom(5, true, null, ['{ __typename }'], { query: '{ __typename }' }),
    ),
    variables: fc.oneof(fc.constant({}), wrongJsonArb),
    operationName: fc.oneof(fc.constant('Op'), fc.constantFrom(5, {}, [], null, true)),
    extensions: fc.oneof(fc.constant({}), wrongJsonArb),
    extra: fc.tuple(
      fc.constantFrom('foo', '__proto__', 'constructor', 'Query', 'queryId', 'id', ''),
      wrongJsonArb,
    ) as fc.Arbitrary<[string, unknown]>,
  },
  { requiredKeys: [] },
);

function fieldsBody(f: FieldsCase): { body: string; problem: string | false } {
  const entries: [string, unknown][] = Object.entries(f).filter(([k]) => k !== 'extra');
  if (f.extra) entries.push(f.extra);
  const body = `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
  const problems = [
    'query' in f && f.query !== null && typeof f.query !== 'string' && 'query is not a string',
    'variables' in f && !isMap(f.variables) && 'variables is not an object',
    'extensions' in f && !isMap(f.extensions) && 'extensions is not an object',
    'operationName' in f && f.operationName !== null && typeof f.operationName !== 'string' && 'bad operationName',
    f.extra && `unknown parameter ${JSON.stringify(f.extra[0])}`,
  ].filter(Boolean);
  return { body, problem: (problems[0] as string | undefined) ?? false };
}

type BodyCase =
  | { kind: 'broken-json'; contentType: string; body: string; accept: string }
  | { kind: 'non-object-json'; contentType: string; body: string; accept: string }
  | { kind: 'fields'; fields: FieldsCase; accept: string }
  | { kind: 'wrong-type'; contentType: string | null; body: string; withCsrf: boolean; accept: string }
  | { kind: 'form'; body: string; withCsrf: boolean; accept: string }
  | { kind: 'multipart'; boundary: string; parts: string[]; header: string; withCsrf: boolean; accept: string }
  | { kind: 'graphql'; body: string; withCsrf: boolean; accept: string }
  | { kind: 'batch'; body: string; accept: string };

const jsonTypeArb = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=UTF-8',
);

const formParamArb = fc.tuple(
  fc.constantFrom('query', 'variables', 'extensions', 'operationName', 'documentId', 'x'),
  fc.oneof(
    fc.constantFrom('{ __typename }', '{}', '{', '[1]', '5', 'null', '"x"', '', '{"a":1}', '{"persistedQuery":1}'),
    stringArb,
  ),
);

const bodyCaseArb: fc.Arbitrary<BodyCase> = fc.oneof(
  fc.record({
    kind: fc.constant('broken-json' as const),
    contentType: jsonTypeArb,
    body: brokenJsonArb,
    accept: acceptArb,
  }),
  fc.record({
    kind: fc.constant('non-object-json' as const),
    contentType: jsonTypeArb,
    body: nonObjectJsonArb,
    accept: acceptArb,
  }),
  fc.record({ kind: fc.constant('fields' as const), fields: fieldsArb, accept: acceptArb }),
  fc.record({
    kind: fc.constant('wrong-type' as const),
    contentType: fc.constantFrom(
      'text/plain',
      'text/plain; charset=utf-8',
      'application/xml',
      'text/xml',
      'text/html',
      'application/octet-stream',
      'application/jsonx',
      'json',
      'application/json-patch+json',
      '',
      null,
    ),
    body: fc.oneof(fc.constant(validRequest), fc.constant('<query>{ __typename }</query>'), brokenJsonArb),
    withCsrf: fc.boolean(),
    accept: acceptArb,
  }),
  fc.record({
    kind: fc.constant('form' as const),
    body: fc
      .array(formParamArb, { maxLength: 4 })
      .map((ps) => ps.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')),
    withCsrf: fc.boolean(),
    accept: acceptArb,
  }),
  fc.record({
    kind: fc.constant('multipart' as const),
    boundary: fc.constantFrom('xyz', '----formdata', 'a"b', ''),
    parts: fc.array(
      fc.oneof(
        fc.constantFrom(
          'Content-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ __typename }"}',
          'Content-Disposition: form-data; name="operations"\r\n\r\n{"query":"query ($f: String) { __typename }","variables":{"f":null}}',
          'Content-Disposition: form-data; name="operations"\r\n\r\n{bad',
          'Content-Disposition: form-data; name="operations"\r\n\r\n[1,2]',
          'Content-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.f"]}',
          'Content-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.__proto__.polluted"]}',
          'Content-Disposition: form-data; name="map"\r\n\r\n{"0":["query"]}',
          'Content-Disposition: form-data; name="map"\r\n\r\n{bad',
          'Content-Disposition: form-data; name="0"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello',
          'Content-Disposition: form-data; name="1"; filename="../../etc/passwd"\r\n\r\nx',
          'garbage without headers',
        ),
        stringArb.map((s) => `Content-Disposition: form-data; name="operations"\r\n\r\n${s}`),
      ),
      { maxLength: 4 },
    ),
    header: fc.constantFrom('boundary', 'none', 'wrong'),
    withCsrf: fc.boolean(),
    accept: acceptArb,
  }),
  fc.record({
    kind: fc.constant('graphql' as const),
    body: fc.oneof(fc.constantFrom(...examples), stringArb),
    withCsrf: fc.boolean(),
    accept: acceptArb,
  }),
  fc.record({
    kind: fc.constant('batch' as const),
    body: fc
      .array(fc.oneof(fc.constant({ query: '{ __typename }' }), wrongJsonArb), { maxLength: 15 })
      .map((items) => JSON.stringify(items)),
    accept: acceptArb,
  }),
);

function bodyHttpCase(b: BodyCase): { c: HttpCase; expect4xx: string | false } {
  const accept: Record<string, string> = b.accept ? { accept: b.accept } : {};
  const post = (headers: Record<string, string>, body: string, bytes = false): HttpCase => ({
    method: 'POST',
    target: '/graphql',
    headers: { ...accept, ...headers },
    body,
    bytes,
  });
  switch (b.kind) {
    case 'broken-json':
      return { c: post({ 'content-type': b.contentType }, b.body), expect4xx: 'the body is not JSON' };
    case 'non-object-json':
      return { c: post({ 'content-type': b.contentType }, b.body), expect4xx: 'the body is not a JSON object' };
    case 'fields': {
      const { body, problem } = fieldsBody(b.fields);
      return { c: post({ 'content-type': 'application/json' }, body), expect4xx: problem };
    }
    case 'wrong-type': {
      const headers = {
        ...(b.contentType === null ? {} : { 'content-type': b.contentType }),
        ...(b.withCsrf ? csrf : {}),
      };
      return {
        c: post(headers, b.body, b.contentType === null),
        expect4xx: 'the content type is not one GraphQL takes',
      };
    }
    case 'form': {
      const params = new URLSearchParams(b.body);
      const bad = ['variables', 'extensions'].find((k) => {
        const v = params.get(k);
        return v && (!isJson(v) || !isMap(JSON.parse(v)));
      });
      const headers = { 'content-type': 'application/x-www-form-urlencoded', ...(b.withCsrf ? csrf : {}) };
      return { c: post(headers, b.body), expect4xx: bad ? `form field ${bad} is not a JSON object` : false };
    }
    case 'multipart': {
      const body = `${b.parts.map((p) => `--${b.boundary}\r\n${p}\r\n`).join('')}--${b.boundary}--\r\n`;
      const contentType = {
        boundary: `multipart/form-data; boundary=${b.boundary}`,
        none: 'multipart/form-data',
        wrong: 'multipart/form-data; boundary=other',
      }[b.header as 'boundary' | 'none' | 'wrong'];
      return { c: post({ 'content-type': contentType, ...(b.withCsrf ? csrf : {}) }, body), expect4xx: false };
    }
    case 'graphql':
      return {
        c: post({ 'content-type': 'application/graphql', ...(b.withCsrf ? csrf : {}) }, b.body),
        expect4xx: false,
      };
    case 'batch':
      return { c: post({ 'content-type': 'application/json' }, b.body), expect4xx: false };
  }
}

interface QueryStringCase {
  params: ([string, string] | string)[];
  encode: boolean;
  withCsrf: boolean;
  accept: string;
}

const queryStringArb: fc.Arbitrary<QueryStringCase> = fc.record({
  params: fc.array(
    fc.oneof(
      fc.tuple(
        fc.constant('query'),
        fc.oneof(
          fc.constantFrom('{ __typename }', '', '{', 'mutation { x }', 'subscription { x }', ...examples),
          stringArb,
        ),
      ),
      fc.tuple(
        fc.constantFrom('variables', 'extensions'),
        fc.oneof(
          fc.constantFrom('{}', '{', '}', 'null', '[]', '[1]', '5', '"x"', 'true', '{"a":1}', "{'a':1}", 'undefined'),
          fc.constantFrom('{"persistedQuery":{"version":1,"sha256Hash":"abc"}}', '{"persistedQuery":"x"}'),
          brokenJsonArb,
        ),
      ),
      fc.tuple(fc.constantFrom('operationName', 'documentId', 'x', ''), stringArb),
      fc.constantFrom(
        '%',
        '%E0%A4%A',
        '%%30',
        '&&',
        '=',
        '==x',
        '+',
        '%00',
        '%FF%FE',
        'variables',
        'query=%7B',
        '#frag',
      ),
    ),
    { maxLength: 5 },
  ),
  encode: fc.boolean(),
  withCsrf: fc.boolean(),
  accept: acceptArb,
});

function queryString(q: QueryStringCase) {
  const encode = (s: string) => (q.encode ? encodeURIComponent(s) : s.replace(/[%&#+\s]/g, encodeURIComponent));
  return q.params.map((p) => (typeof p === 'string' ? p : `${encode(p[0])}=${encode(p[1])}`)).join('&');
}

// ---------------------------------------------------------------------------------------------
// Huge variables
// ---------------------------------------------------------------------------------------------

interface HugeCase {
  shape: 'string' | 'deepObject' | 'deepArray' | 'wideArray';
  /** Megabytes for strings, nesting depth for deep shapes, items for wide arrays. */
  size: number;
  unit: string;
  use: 'search' | 'node' | 'cursor' | 'ids' | 'unused' | 'extensions';
  transport: Transport;
}

const hugeArb: fc.Arbitrary<HugeCase> = fc.oneof(
  fc.record({
    shape: fc.constant('string' as const),
    size: fc.integer({ min: 1, max: 5 }),
    unit: fc.constantFrom('x', '襄', '\u0000', '"', '\\', 'ab ', '🙂', '%'),
    use: fc.constantFrom('search' as const, 'node' as const, 'cursor' as const, 'ids' as const, 'unused' as const),
    transport: fc.constantFrom('post' as const, 'get' as const, 'get' as const, 'get' as const),
  }),
  fc.record({
    shape: fc.constantFrom('deepObject' as const, 'deepArray' as const),
    size: fc.integer({ min: 1_000, max: 100_000 }),
    unit: fc.constant(''),
    use: fc.constantFrom('search' as const, 'node' as const, 'ids' as const, 'unused' as const, 'extensions' as const),
    transport: fc.constantFrom('post' as const, 'get' as const),
  }),
  fc.record({
    shape: fc.constant('wideArray' as const),
    size: fc.integer({ min: 100_000, max: 120_000 }),
    unit: fc.constantFrom('"nope"', `"${b64('Party:1')}"`, `"${b64('Party:99999')}"`, '1', 'null', '""', '[]', '{}'),
    use: fc.constantFrom('ids' as const, 'search' as const, 'unused' as const),
    transport: fc.constantFrom('post' as const, 'get' as const),
  }),
);

/** The JSON text of the huge value, built as text: JSON.stringify overflows the stack on deep values. */
function hugeJson(h: HugeCase): string {
  switch (h.shape) {
    case 'string': {
      const unitJson = JSON.stringify(h.unit).slice(1, -1);
      const count = Math.ceil((h.size * 1_000_000) / Buffer.byteLength(unitJson));
      return `"${unitJson.repeat(count)}"`;
    }
    case 'deepObject':
      return `${'{"a":'.repeat(h.size)}1${'}'.repeat(h.size)}`;
    case 'deepArray':
      return `${'['.repeat(h.size)}${']'.repeat(h.size)}`;
    case 'wideArray':
      return `[${Array(h.size).fill(h.unit).join(',')}]`;
  }
}

const hugeQueries: Record<HugeCase['use'], string> = {
  search: 'query ($v: String!) { search(query: $v) { totalCount } }',
  node: 'query ($v: ID!) { node(id: $v) { id } }',
  cursor: 'query ($v: String) { parties(after: $v) { totalCount } search(query: "a", after: $v) { totalCount } }',
  ids: 'query ($v: [ID!]!) { nodes(ids: $v) { __typename } }',
  unused: '{ agreements { totalCount } }',
  extensions: '{ __typename }',
};

function hugeHttpCase(h: HugeCase): HttpCase {
  const value = hugeJson(h);
  const query = hugeQueries[h.use];
  const variables = h.use === 'extensions' ? undefined : `{"v":${value}}`;
  const extensions = h.use === 'extensions' ? value : undefined;
  const accept = { accept: 'application/graphql-response+json' };
  if (h.transport === 'get') {
    let target = `/graphql?query=${encodeURIComponent(query)}`;
    if (variables) target += `&variables=${encodeURIComponent(variables)}`;
    if (extensions) target += `&extensions=${encodeURIComponent(extensions)}`;
    return { target, headers: { ...accept, ...csrf } };
  }
  const body = `{"query":${JSON.stringify(query)}${variables ? `,"variables":${variables}` : ''}${extensions ? `,"extensions":${extensions}` : ''}}`;
  return { method: 'POST', target: '/graphql', headers: { ...accept, 'content-type': 'application/json' }, body };
}

// ---------------------------------------------------------------------------------------------
// Memory
// ---------------------------------------------------------------------------------------------

const gc: (() => void) | undefined = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    v8.setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
})();

function memory() {
  if (gc) {
    gc();
    gc();
  }
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
let before: { rss: number; heapUsed: number } | undefined;
const startedAt = performance.now();

afterAll(() => {
  const lines = [...timings].map(
    ([label, t]) =>
      `  ${label.padEnd(18)} ${String(t.runs).padStart(5)} requests, mean ${(t.totalMs / t.runs).toFixed(1)} ms, max ${t.maxMs.toFixed(0)} ms`,
  );
  console.log(`hostile input: ${((performance.now() - startedAt) / 1000).toFixed(1)} s\n${lines.join('\n')}`);
});

// ---------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------

describe('hostile input never gets a 5xx, unparseable JSON or a leaked internal', () => {
  it('takes a baseline of memory once the database is seeded', async () => {
    // Warm the paths the properties take, so their one-time allocations are not counted as growth.
    for (const query of examples) {
      const c = operationCase({ query, variables: {} }, 'post', '');
      check(c, await send('warm-up', c));
    }
    before = memory();
    console.log(
      `memory before: rss ${mb(before.rss)}, heap ${mb(before.heapUsed)} (gc ${gc ? 'forced' : 'unavailable'})`,
    );
  });

  it('answers random operations walked from the schema, with wrong types, aliases, fragments and variables', async () => {
    await assertProperty(
      'schema-walk',
      fc.tuple(anyOperationArb, fc.constantFrom<Transport>('post', 'post', 'post', 'get'), acceptArb),
      250,
      async ([op, transport, accept]) => {
        const c = operationCase(op, transport, accept);
        const r = await send('schema-walk', c);
        check(c, r, strictAccept(accept) && documentProblem(op.query));
      },
    );
  });

  it('answers mutated valid documents: dropped, duplicated, swapped and shuffled characters and tokens, truncation', async () => {
    const baseArb = fc.oneof(
      fc.constantFrom(...examples).map((query): Operation => ({ query, variables: {} })),
      operationArb(true),
    );
    await assertProperty(
      'mutated',
      fc.tuple(
        baseArb,
        fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
        fc.constantFrom<Transport>('post', 'post', 'get'),
        acceptArb,
      ),
      250,
      async ([base, mutations, transport, accept]) => {
        const op = { ...base, query: mutations.reduce(mutate, base.query) };
        const c = operationCase(op, transport, accept);
        const r = await send('mutated', c);
        check(c, r, strictAccept(accept) && documentProblem(op.query));
      },
    );
  });

  it('answers documents nested thousands deep: lists, objects and selections', async () => {
    await assertProperty(
      'nesting',
      fc.record({
        shape: fc.constantFrom('list' as const, 'object' as const, 'selection' as const, 'parentheses' as const),
        depth: fc.integer({ min: 10, max: 6_000 }),
        transport: fc.constantFrom<Transport>('post', 'get'),
      }),
      40,
      async ({ shape, depth, transport }) => {
        const query = {
          list: `{ nodes(ids: ${'['.repeat(depth)}${']'.repeat(depth)}) { id } }`,
          object: `{ node(id: ${'{ a: '.repeat(depth)}1${' }'.repeat(depth)}) { id } }`,
          selection: `{ ${'parties { edges { node { '.repeat(depth)}id${' } } }'.repeat(depth)} }`,
          parentheses: `{ search(query: "a"${' ('.repeat(depth)}) { totalCount } }`,
        }[shape];
        const accept = 'application/graphql-response+json';
        const c = operationCase({ query, variables: {} }, transport, accept);
        check(c, await send('nesting', c), documentProblem(query));
      },
    );
  });

  it('refuses malformed JSON, wrong fields, wrong content types, bad multipart and form bodies with a 4xx', async () => {
    await assertProperty('bodies', bodyCaseArb, 300, async (b) => {
      const { c, expect4xx } = bodyHttpCase(b);
      const r = await send('bodies', c);
      check(c, r, expect4xx);
    });
  });

  it('refuses PUT, DELETE, PATCH and made-up methods with a 4xx', async () => {
    await assertProperty(
      'methods',
      fc.record({
        method: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'patch', 'PROPFIND', 'FOO'),
        target: fc.constantFrom('/graphql', '/graphql?query=%7B__typename%7D', '/graphql?query=%7B'),
        contentType: fc.constantFrom('application/json', 'text/plain', ''),
        body: fc.option(fc.oneof(fc.constant(validRequest), brokenJsonArb), { nil: undefined }),
        accept: acceptArb,
      }),
      80,
      async ({ method, target, contentType, body, accept }) => {
        const headers = { ...(contentType ? { 'content-type': contentType } : {}), ...(accept ? { accept } : {}) };
        const c: HttpCase = { method, target, headers, body };
        check(c, await send('methods', c), `${method} is not a GraphQL method`);
      },
    );
  });

  it('answers GET with bad query strings, and refuses variables or extensions that are not JSON objects', async () => {
    await assertProperty('get', queryStringArb, 250, async (q) => {
      const qs = queryString(q);
      const headers = { ...(q.accept ? { accept: q.accept } : {}), ...(q.withCsrf ? csrf : {}) };
      const c: HttpCase = { target: `/graphql?${qs}`, headers };
      const params = new URL(`http://api.test/graphql?${qs}`).searchParams;
      const bad = ['variables', 'extensions'].find((k) => {
        const v = params.get(k);
        return v && (!isJson(v) || !isMap(JSON.parse(v)));
      });
      // A browser asking for HTML gets GraphiQL whatever the parameters are.
      const html = /text\/html/.test(q.accept);
      check(c, await send('get', c), !html && bad ? `the ${bad} parameter is not a JSON object` : false);
    });
  });

  it('survives huge variables: 1–5 MB strings, objects and arrays nested 100k deep, arrays of 100k items', async () => {
    await assertProperty('huge', hugeArb, 100, async (h) => {
      const c = hugeHttpCase(h);
      check(c, await send('huge', c));
    });
  }, 120_000);

  it('answers invalid IDs for node and nodes with null or BAD_USER_INPUT, never another entity', async () => {
    await assertProperty(
      'ids',
      fc.record({
        field: fc.constantFrom('node' as const, 'nodes' as const),
        via: fc.constantFrom('literal' as const, 'variable' as const),
        ids: fc.array(idArb, { minLength: 1, maxLength: 8 }),
        accept: fc.constantFrom('application/graphql-response+json', 'application/json'),
      }),
      250,
      async ({ field, via, ids, accept }) => {
        const literal = (id: string | number) => (typeof id === 'number' ? String(id) : JSON.stringify(id));
        const selection = '{ __typename id }';
        let op: Operation;
        if (field === 'node') {
          op =
            via === 'literal'
              ? { query: `{ node(id: ${literal(ids[0]!)}) ${selection} }`, variables: {} }
              : { query: `query ($id: ID!) { node(id: $id) ${selection} }`, variables: { id: ids[0] } };
        } else {
          op =
            via === 'literal'
              ? { query: `{ nodes(ids: [${ids.map(literal).join(', ')}]) ${selection} }`, variables: {} }
              : { query: `query ($ids: [ID!]!) { nodes(ids: $ids) ${selection} }`, variables: { ids } };
        }
        const c = operationCase(op, 'post', accept);
        const r = await send('ids', c);
        const [result] = check(c, r);
        const where = `\nrequest: ${show(c)}\nresponse: ${r.status} ${clip(r.text, 800)}`;
        for (const e of (result?.errors ?? []) as GraphQLErrorLike[]) {
          if (Array.isArray(e.path) && e.extensions?.code !== 'BAD_USER_INPUT')
            throw new Error(`an ID error that is not BAD_USER_INPUT${where}`);
        }
        const found = field === 'node' ? [result?.data?.node] : (result?.data?.nodes ?? []);
        found.forEach((node: { __typename: string; id: string } | null | undefined, i: number) => {
          if (!node) return;
          const asked = decodeGlobalID(String(ids[i]));
          const got = decodeGlobalID(node.id);
          if (asked.typename !== node.__typename || asked.id !== got.id)
            throw new Error(`${JSON.stringify(ids[i])} resolved to ${node.__typename} ${node.id}${where}`);
        });
      },
    );
  });

  it('answers random mutations with an operator’s token: typed errors or success, never a 5xx or an unexpected error', async () => {
    const reached = new Set<string>();
    await assertProperty('mutations', fc.tuple(mutationOperationArb, acceptArb), 300, async ([op, accept]) => {
      const c = operationCase(op, 'post', accept);
      c.headers = { ...c.headers, authorization: `Bearer ${adminToken}` };
      const r = await send('mutations', c, writable);
      for (const result of check(c, r, strictAccept(accept) && documentProblem(op.query)))
        for (const answer of Object.values(result.data ?? {}))
          if (answer && typeof answer === 'object') reached.add(String((answer as { __typename?: string }).__typename));
    });
    // The walk reached the resolvers: typed errors came back, not only refusals before them.
    expect([...reached]).toEqual(expect.arrayContaining(['ValidationError', 'NotFoundError']));
  });

  it('refuses hostile Authorization headers with 401 or 429, never a 5xx, and never repeats the token', async () => {
    const tokenArb = fc.oneof(
      stringArb,
      fc.string({ minLength: 200, maxLength: 5_000 }),
      fc.constantFrom('Bearer', 'Bearer ', 'bearer  x', 'Basic dXNlcjpwYXNz', 'Bearer a b', `Bearer ${adminToken}x`),
      stringArb.map((t) => `Bearer ${t}`),
      fc.base64String({ minLength: 4, maxLength: 80 }).map((t) => `Bearer xyg_${t}`),
      fc.tuple(fc.base64String(), fc.base64String(), fc.base64String()).map((parts) => `Bearer ${parts.join('.')}`),
    );
    await assertProperty(
      'tokens',
      fc.tuple(
        tokenArb,
        fc.ipV4(),
        fc.constantFrom(
          '{ parties(first: 1) { totalCount } }',
          'mutation { revokeApiKey(input: { apiKeyId: "QXBpS2V5OjE=" }) { __typename } }',
        ),
      ),
      200,
      async ([authorization, address, query]) => {
        const c = operationCase({ query, variables: {} }, 'post', 'application/graphql-response+json');
        // Headers cannot carry every character; those a fetch refuses never reach a server either.
        const header = authorization.replace(/[^\t\x20-\x7e]/g, '');
        c.headers = { ...c.headers, authorization: header, 'x-forwarded-for': address };
        const r = await send('tokens', c, guarded);
        check(c, r, 'an invalid token');
        if (![401, 429].includes(r.status)) throw new Error(`status ${r.status} for ${JSON.stringify(header)}`);
        const token = /^Bearer +(\S+) *$/i.exec(header)?.[1];
        if (token && token.length > 8 && r.text.includes(token))
          throw new Error(`the answer repeats the token: ${clip(r.text, 300)}`);
      },
    );
  });

  it('is still up and answering after the barrage, with memory growth under 300 MB', async () => {
    const c = operationCase({ query: '{ parties(first: 1) { totalCount } }', variables: {} }, 'post', '');
    const [result] = check(c, await send('after', c));
    expect(result?.data?.parties?.totalCount).toBeGreaterThan(0);
    expect((await app.fetch('http://api.test/health')).status).toBe(200);
    const after = memory();
    const growth = after.rss - before!.rss;
    console.log(
      `memory after: rss ${mb(after.rss)}, heap ${mb(after.heapUsed)}; rss growth ${mb(growth)}, heap growth ${mb(after.heapUsed - before!.heapUsed)}`,
    );
    expect(growth).toBeLessThan(300 * 2 ** 20);
  });
});
