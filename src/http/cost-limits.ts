import {
  type DocumentNode,
  type ExecutionArgs,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  visit,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { fieldComplexity } from '../graphql/complexity.js';
import type { Context } from '../graphql/context.js';

function refusal(name: 'cost' | 'depth', measured: number, limit: number) {
  return new GraphQLError(`This operation's ${name} is ${measured}, over the limit of ${limit}: ask for less.`, {
    extensions: {
      code: name === 'cost' ? 'QUERY_TOO_COSTLY' : 'QUERY_TOO_DEEP',
      [name]: measured,
      limit,
      http: { status: 400 },
    },
  });
}

interface Measure {
  complexity: number;
  depth: number;
}

/**
 * Cost and depth as the complexity plugin's fields declare them, read from the arguments as given:
 * an id that does not decode is a field error of execution's, not a reason to refuse the operation.
 * Like the plugin, it counts fields that @skip/@include may leave out; fragments are measured once per type.
 */
function measureSelections(
  selectionSet: SelectionSetNode,
  type: GraphQLNamedType,
  operation: {
    schema: GraphQLSchema;
    fragments: Map<string, FragmentDefinitionNode>;
    variables: Record<string, unknown>;
  },
  measured: Map<SelectionSetNode, Map<GraphQLNamedType, Measure>>,
): Measure {
  const known = measured.get(selectionSet)?.get(type);
  if (known) return known;
  const total = { complexity: 0, depth: 0 };
  for (const selection of selectionSet.selections) {
    let part: Measure;
    if (selection.kind === Kind.FIELD) {
      const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value] : undefined;
      const cost = field
        ? fieldComplexity(getArgumentValues(field, selection, operation.variables), null, field)
        : { field: 1, multiplier: 1 };
      const below =
        field && selection.selectionSet
          ? measureSelections(selection.selectionSet, getNamedType(field.type), operation, measured)
          : { complexity: 0, depth: 0 };
      part = { complexity: cost.field + below.complexity * cost.multiplier, depth: 1 + below.depth };
    } else {
      const fragment =
        selection.kind === Kind.FRAGMENT_SPREAD ? operation.fragments.get(selection.name.value) : selection;
      const condition = fragment?.typeCondition && operation.schema.getType(fragment.typeCondition.name.value);
      part = fragment
        ? measureSelections(fragment.selectionSet, condition || type, operation, measured)
        : { complexity: 0, depth: 0 };
    }
    total.complexity += part.complexity;
    total.depth = Math.max(total.depth, part.depth);
  }
  const byType = measured.get(selectionSet) ?? new Map<GraphQLNamedType, Measure>();
  measured.set(selectionSet, byType.set(type, total));
  return total;
}

const measuresPerDocument = 64;
const longestKey = 1024;
/** The only arguments fieldComplexity reads. */
const costArguments = new Set(['first', 'last', 'ids', 'representations']);

/** The variables a document passes to arguments that set a cost; the others (ids, cursors, search terms) do not change it. */
export function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(argument) {
      if (costArguments.has(argument.name.value))
        visit(argument.value, { Variable: (variable) => void names.add(variable.name.value) });
      return false;
    },
  });
  return [...names];
}

/** What a variable contributes to a cost: a list of ids counts by its length; absent differs from null. */
function costInput(variables: Record<string, unknown>, name: string) {
  if (!(name in variables)) return '';
  const value = variables[name];
  return Array.isArray(value) ? `#${value.length}` : JSON.stringify(value);
}

/**
 * Refuses an operation over the cost or depth limit before it runs. A measurement depends only on the
 * document (cached by yoga, so shared between requests), the operation and the coerced values of the
 * variables that set a cost, so it is kept per document: measuring every field's arguments took a tenth
 * of a small query's CPU when the complexity plugin redid it for every request.
 */
export function costLimits(): Plugin<Context> {
  const measured = new WeakMap<DocumentNode, { variables: string[]; byInput: Map<string, Measure> }>();
  const measure = (args: ExecutionArgs): Measure | null => {
    // The operation that runs; none when execution will refuse the document for its operation name.
    const operation = getOperationAST(args.document, args.operationName);
    const root = operation && args.schema.getRootType(operation.operation);
    if (!operation || !root) return null;
    const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {});
    // Variables that do not coerce: execution refuses them with its own error.
    if (coerced.errors) return null;
    let document = measured.get(args.document);
    if (!document) {
      document = { variables: costVariables(args.document), byInput: new Map() };
      measured.set(args.document, document);
    }
    const { byInput } = document;
    const inputs = document.variables.map((name) => costInput(coerced.coerced, name));
    const key = `${operation.name?.value ?? ''}:${inputs.join(':')}`;
    const known = byInput.get(key);
    if (known) return known;
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of args.document.definitions)
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    const result = measureSelections(
      operation.selectionSet,
      root,
      { schema: args.schema, fragments, variables: coerced.coerced },
      new Map(),
    );
    if (key.length > longestKey) return result;
    if (byInput.size >= measuresPerDocument) byInput.delete(byInput.keys().next().value as string);
    byInput.set(key, result);
    return result;
  };
  const check = (args: ExecutionArgs) => {
    const result = measure(args);
    if (!result) return null;
    const { cost, depth } = (args.contextValue as Context).limits;
    return result.depth > depth
      ? refusal('depth', result.depth, depth)
      : result.complexity > cost
        ? refusal('cost', result.complexity, cost)
        : null;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
