import {
  type ArgumentNode,
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { innerCursor } from '../graphql/cursors.js';
import { userInputError } from '../graphql/errors.js';

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
  onValidate({ validateFn, setValidationFn }) {
    // graphql-js' rule for a subscription's single root field collects fields without the variables, so it
    // throws on `@include(if: $var)` there instead of reporting it: answered as the validation failure it is.
    setValidationFn((...args) => {
      try {
        return validateFn(...args);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        return [
          new GraphQLError(error.message, {
            nodes: error.nodes,
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
          }),
        ];
      }
    });
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

const pageArgumentNames = new Set(['first', 'last', 'after', 'before']);
type PageArguments = Partial<Record<'first' | 'last' | 'after' | 'before', ArgumentNode>> & { list: string };
const pageArguments = new WeakMap<DocumentNode, PageArguments[]>();

/**
 * The paging arguments of each field of a document that has any, with the list the field pages
 * (`Query.parties`), found once per parsed document (yoga caches those).
 */
function pageArgumentsOf(schema: GraphQLSchema, document: DocumentNode): PageArguments[] {
  let found = pageArguments.get(document);
  if (!found) {
    const fields: PageArguments[] = [];
    const types = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(types, {
        Field(node) {
          const paging = (node.arguments ?? []).filter((argument) => pageArgumentNames.has(argument.name.value));
          if (!paging.length) return;
          const list = `${types.getParentType()?.name}.${node.name.value}`;
          fields.push({ list, ...Object.fromEntries(paging.map((argument) => [argument.name.value, argument])) });
        },
      }),
    );
    pageArguments.set(document, fields);
    found = fields;
  }
  return found;
}

function argumentValue(node: ArgumentNode | undefined, variables: Record<string, unknown> | null | undefined): unknown {
  if (!node) return undefined;
  if (node.value.kind === Kind.VARIABLE) return variables?.[node.value.name.value];
  if (node.value.kind === Kind.STRING) return node.value.value;
  if (node.value.kind === Kind.INT) return Number(node.value.value);
  return undefined;
}

const conflicts = [
  ['first', 'last'],
  ['after', 'before'],
  ['first', 'before'],
  ['last', 'after'],
] as const;

/**
 * Refuses, before anything runs, paging arguments no page can answer: a negative `first` or `last`,
 * two that pull different ways (`first` with `last`, `after` with `before`), and a cursor this API
 * did not give out, or gave out for another list.
 */
export const validPageArguments: Plugin = {
  onExecute({ args }) {
    const { schema, document, variableValues } = args as {
      schema: GraphQLSchema;
      document: DocumentNode;
      variableValues?: Record<string, unknown> | null;
    };
    for (const field of pageArgumentsOf(schema, document)) {
      const values = {
        first: argumentValue(field.first, variableValues),
        last: argumentValue(field.last, variableValues),
        after: argumentValue(field.after, variableValues),
        before: argumentValue(field.before, variableValues),
      };
      for (const name of ['first', 'last'] as const) {
        const size = values[name];
        if (typeof size === 'number' && size < 0)
          throw userInputError(`"${name}" is ${size}: a page size is zero or more.`, { argumentName: name });
      }
      for (const [one, other] of conflicts) {
        if (values[one] != null && values[other] != null)
          throw userInputError(`Give "${one}" or "${other}", not both: a page is read one way.`, {
            argumentName: other,
          });
      }
      for (const name of ['after', 'before'] as const) {
        const cursor = values[name];
        if (typeof cursor === 'string') innerCursor(field.list, cursor, name);
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
