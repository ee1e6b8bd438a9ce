import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  isObjectType,
  type Source,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

interface ResponsePath {
  readonly key: string | number;
  readonly prev: ResponsePath | undefined;
}

/** The one path object per response position and request, and the positions beneath it. */
interface InternedPath extends ResponsePath {
  readonly children: Map<string | number, InternedPath>;
}

const requestPaths = new WeakMap<object, Map<string | number, InternedPath>>();

function internPath(context: object, path: ResponsePath | undefined): InternedPath | undefined {
  if (!path) return undefined;
  const prev = internPath(context, path.prev);
  let siblings = prev?.children ?? requestPaths.get(context);
  if (!siblings) {
    siblings = new Map();
    requestPaths.set(context, siblings);
  }
  let interned = siblings.get(path.key);
  if (!interned) {
    interned = { key: path.key, prev, children: new Map() };
    siblings.set(path.key, interned);
  }
  return interned;
}

/** The offset of each line/column location in `source`, as graphql-js' errors record where they point. */
function positionsIn(source: Source, locations: readonly { line: number; column: number }[]) {
  const lineStarts = [0];
  for (const match of source.body.matchAll(/\r\n|[\n\r]/g)) lineStarts.push(match.index + match[0].length);
  return locations.map(({ line, column }) => (lineStarts[line - 1] ?? 0) + column - 1);
}

/**
 * graphql-jit's errors carry only line and column; yoga rebuilds every error from its source and
 * positions when it serialises, so they are rebuilt here as graphql-js errors that keep their locations.
 */
function locatedErrors(result: ExecutionResult, source: Source | undefined): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((error) => {
    const located =
      source && error.locations?.length ? { source, positions: positionsIn(source, error.locations) } : {};
    return new GraphQLError(error.message, {
      ...located,
      path: error.path,
      originalError: error.originalError,
      extensions: error.extensions,
    });
  });
  // Errors first, as graphql-js answers, so a document's compiled answers read like its first one.
  const { errors: _, ...rest } = result;
  return { errors, ...rest };
}

const prepared = new WeakSet<GraphQLSchema>();

/**
 * graphql-jit builds a fresh `info.path` chain for every resolver call, while Pothos' Prisma plugin
 * finds what a parent field loaded by the identity of the parent's path object (graphql-js shares
 * those links). The resolvers that plan or look up Prisma selections, the root fields and the
 * relations (`pothosPrismaSelect`), are handed the request's one object per response position instead.
 */
function internResolverPaths(schema: GraphQLSchema) {
  if (prepared.has(schema)) return;
  prepared.add(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const root = type === schema.getQueryType();
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve || !(root || field.extensions.pothosPrismaSelect)) continue;
      field.resolve = (parent, args, context, info) => {
        // Each call gets its own info object from either executor, so it is this call's to change.
        (info as { path: unknown }).path = internPath(context, info.path);
        return resolve(parent, args, context, info);
      };
    }
  }
}

const seenOnce = Symbol('seen once');

/**
 * Operations run as graphql-jit compiles them, once per document and operation name: no per-field
 * argument coercion, and plain result objects (graphql-js' null-prototype ones are slower to build and
 * to serialise). Compiling costs more than executing once (2–10 ms for the benchmark's operations,
 * ~70 ms for a document near the token limit), so a document is compiled when it comes a second time.
 * Until then, and for a document graphql-jit cannot compile or variables it refuses, graphql-js
 * executes, and the client gets its errors.
 */
export function compiledExecution(schema: GraphQLSchema): Plugin {
  internResolverPaths(schema);
  const compiled = new WeakMap<DocumentNode, Map<string | undefined, CompiledQuery | null | typeof seenOnce>>();
  const compiledFor = (document: DocumentNode, operationName: string | undefined) => {
    let byName = compiled.get(document);
    if (!byName) {
      byName = new Map();
      compiled.set(document, byName);
    }
    const known = byName.get(operationName);
    if (known === undefined) {
      byName.set(operationName, seenOnce);
      return null;
    }
    if (known !== seenOnce) return known;
    const result = compileQuery(schema, document, operationName);
    const query = isCompiledQuery(result) ? result : null;
    byName.set(operationName, query);
    return query;
  };
  return {
    onExecute({ setExecuteFn }) {
      setExecuteFn((args) => {
        const query = args.schema === schema ? compiledFor(args.document, args.operationName ?? undefined) : null;
        if (!query) return execute(args);
        const result = query.query(args.rootValue, args.contextValue, args.variableValues);
        const source = args.document.loc?.source;
        if (result instanceof Promise) return result.then((settled) => locatedErrors(settled, source));
        // No data: the variables were refused before any field ran; graphql-js words those errors as the spec does.
        return 'data' in result ? locatedErrors(result, source) : execute(args);
      });
    },
  };
}
