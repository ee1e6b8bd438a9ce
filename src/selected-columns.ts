import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import { getDatamodel } from './generated/pothos-types.js';

const models = getDatamodel().datamodel.models as Record<
  string,
  { fields: readonly { name: string; kind: string; relationFromFields?: readonly string[] }[] }
>;

/** The names of the fields selected directly in `selectionSet`, through fragments of any type condition. */
function fieldsOf(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo, into: FieldNode[] = []) {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) into.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fieldsOf(selection.selectionSet, info, into);
    else fieldsOf(info.fragments[selection.name.value]?.selectionSet, info, into);
  }
  return into;
}

/**
 * The columns of `model` that a field of its type may read: the column of the same name, the columns
 * it prefixes (`title` reads `titleZhHant`, `titleZhHans`, `titleEn`; `marketSize` reads
 * `marketSizeAmount`…), and a relation's foreign keys.
 */
function columnsOfField(model: string, field: string): string[] {
  return (models[model]?.fields ?? []).flatMap((column) => {
    if (column.kind === 'object') return column.name === field ? [...(column.relationFromFields ?? [])] : [];
    const next = column.name.charAt(field.length);
    return column.name === field || (column.name.startsWith(field) && next >= 'A' && next <= 'Z') ? [column.name] : [];
  });
}

const byFieldNodes = new WeakMap<readonly FieldNode[], readonly string[]>();

/**
 * The columns of `model` the nodes of the connection `info` resolves need for the fields selected
 * under `edges { node }`, `id` always. Computed once per selection (both executors hand every
 * parent's call the same field nodes), so sibling parents share one page statement.
 */
export function nodeColumns(info: GraphQLResolveInfo, model: string): readonly string[] {
  let columns = byFieldNodes.get(info.fieldNodes);
  if (!columns) {
    const names = new Set<string>();
    for (const connectionField of info.fieldNodes) {
      for (const edges of fieldsOf(connectionField.selectionSet, info)) {
        if (edges.name.value !== 'edges') continue;
        for (const node of fieldsOf(edges.selectionSet, info)) {
          if (node.name.value !== 'node') continue;
          for (const field of fieldsOf(node.selectionSet, info)) names.add(field.name.value);
        }
      }
    }
    columns = [...new Set(['id', ...[...names].flatMap((name) => columnsOfField(model, name))])].sort();
    byFieldNodes.set(info.fieldNodes, columns);
  }
  return columns;
}
