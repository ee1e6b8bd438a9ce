import { type ArgumentNode, type DocumentNode, GraphQLError, Kind, visit } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

const badRequest = (message: string, code = 'BAD_REQUEST') =>
  createGraphQLError(message, { extensions: { code, http: { status: 400 } } });

/**
 * Turns malformed requests that yoga and graphql-js would answer with an unexpected error into
 * 400s: parameters that are not JSON, batch items that are not objects, documents nested so
 * deep that parsing overflows the stack.
 */
export const malformedRequests: Plugin = {
  onRequestParse({ requestParser, setRequestParser }) {
    if (requestParser) {
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          if (error instanceof SyntaxError)
            throw badRequest(`The request's parameters are not valid JSON: ${error.message}`);
          throw error;
        }
      });
    }
    return {
      onRequestParseDone({ requestParserResult }) {
        const items: unknown[] = Array.isArray(requestParserResult) ? requestParserResult : [requestParserResult];
        if (items.some((item) => item === null || typeof item !== 'object' || Array.isArray(item))) {
          throw badRequest('Each operation in the request must be a JSON object.');
        }
      },
    };
  },
  onParse({ parseFn, setParseFn }) {
    setParseFn((source, options) => {
      try {
        return parseFn(source, options);
      } catch (error) {
        if (error instanceof RangeError)
          throw badRequest('The document is nested too deeply to parse.', 'GRAPHQL_PARSE_FAILED');
        throw error;
      }
    });
  },
};

const positiveInt = /^(0|[1-9]\d{0,8})$/;

/** Whether a cursor is one this API hands out: a Prisma row cursor or a search offset. */
export function isValidCursor(cursor: string): boolean {
  let decoded: string;
  try {
    decoded = Buffer.from(cursor, 'base64').toString('utf8');
  } catch {
    return false;
  }
  if (Buffer.from(decoded, 'utf8').toString('base64').replace(/=+$/, '') !== cursor.replace(/=+$/, '')) return false;
  const [prefix, kind, ...rest] = decoded.split(':');
  const value = rest.join(':');
  if (prefix === 'OffsetConnection') return kind !== undefined && positiveInt.test(kind) && rest.length === 0;
  if (prefix !== 'GPC') return false;
  if (kind === 'N') return positiveInt.test(value);
  if (kind !== 'J') return false;
  try {
    const parsed: unknown = JSON.parse(value);
    return (
      parsed !== null &&
      typeof parsed === 'object' &&
      !Array.isArray(parsed) &&
      Object.values(parsed).every(
        (v) =>
          (typeof v === 'number' && positiveInt.test(String(v))) || (typeof v === 'string' && /^[A-Z_]{1,40}$/.test(v)),
      )
    );
  } catch {
    return false;
  }
}

const cursorArguments = new WeakMap<DocumentNode, ArgumentNode[]>();

/** The `after`/`before` arguments of a document, found once per parsed document (yoga caches those). */
function cursorArgumentsOf(document: DocumentNode): ArgumentNode[] {
  let found = cursorArguments.get(document);
  if (!found) {
    const list: ArgumentNode[] = [];
    visit(document, {
      Argument(node) {
        if (node.name.value === 'after' || node.name.value === 'before') list.push(node);
      },
    });
    cursorArguments.set(document, list);
    found = list;
  }
  return found;
}

/** Refuses, before anything runs, an `after`/`before` argument that is not a cursor this API gave out. */
export const validCursors: Plugin = {
  onExecute({ args }) {
    const { document, variableValues } = args as {
      document: DocumentNode;
      variableValues?: Record<string, unknown> | null;
    };
    for (const node of cursorArgumentsOf(document)) {
      const value =
        node.value.kind === Kind.VARIABLE
          ? variableValues?.[node.value.name.value]
          : node.value.kind === Kind.STRING
            ? node.value.value
            : undefined;
      if (typeof value === 'string' && !isValidCursor(value)) {
        throw new GraphQLError(`"${value.slice(0, 100)}" is not a cursor of this API: use a cursor it returned.`, {
          extensions: { code: 'BAD_USER_INPUT', argumentName: node.name.value },
        });
      }
    }
  },
};

/** Refuses bodies and URLs over the size limit before reading them (the listener refuses bodies of unknown length). */
export function sizeLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const refuse = (status: number, message: string) =>
        endResponse(
          fetchAPI.Response.json({ errors: [{ message, extensions: { code: 'REQUEST_TOO_LARGE' } }] }, { status }),
        );
      if (request.url.length > maxBytes) return refuse(414, `The URL is over the limit of ${maxBytes} bytes.`);
      const length = request.headers.get('content-length');
      if (request.method !== 'POST' || length === null) return;
      if (Number(length) > maxBytes) return refuse(413, `The request body is over the limit of ${maxBytes} bytes.`);
    },
  };
}
