import {
  type FieldNode,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  getNamedType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import { getDatamodel } from '../generated/pothos-types.js';

const models = getDatamodel().datamodel.models as Record<
  string,
  { fields: readonly { name: string; kind: string; isList: boolean; relationFromFields?: readonly string[] }[] }
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

/** True when the field being resolved selects `field` of its own type, directly or through a fragment. */
export function selects(info: GraphQLResolveInfo, field: string): boolean {
  return info.fieldNodes.some((node) => fieldsOf(node.selectionSet, info).some((f) => f.name.value === field));
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

/**
 * The column suffixes each field of LocalizedText reads; `zhHant` is read always (optional texts test
 * it for null). `text` may answer in any language, chosen per request.
 */
const localizedSuffixes: Record<string, readonly string[]> = {
  zhHans: ['ZhHans'],
  en: ['En'],
  pinyin: ['Pinyin'],
  text: ['ZhHans', 'En', 'Pinyin'],
};

/** For a LocalizedText field stored as `<field>ZhHant…` columns, the columns its selected sub-fields read. */
function localizedColumns(model: string, field: string, selections: readonly FieldNode[], info: GraphQLResolveInfo) {
  const columns = new Set(columnsOfField(model, field));
  if (!columns.has(`${field}ZhHant`)) return null;
  const read = new Set([`${field}ZhHant`]);
  for (const selection of selections) {
    for (const sub of fieldsOf(selection.selectionSet, info)) {
      for (const suffix of localizedSuffixes[sub.name.value] ?? []) {
        if (columns.has(`${field}${suffix}`)) read.add(`${field}${suffix}`);
      }
    }
  }
  return [...read];
}

/** The type of the nodes of the connection type `connection`, through `edges { node }`. */
function nodeType(connection: GraphQLNamedType) {
  if (!isObjectType(connection)) return null;
  const edges = connection.getFields().edges;
  const edge = edges && getNamedType(edges.type);
  const node = isObjectType(edge) ? edge.getFields().node : undefined;
  const type = node && getNamedType(node.type);
  return isObjectType(type) ? type : null;
}

const byFieldNodes = new WeakMap<readonly FieldNode[], readonly string[]>();
/** One array per column set, so that page loaders can key by the array (bounded: subsets of a model's columns). */
const sameColumns = new Map<string, readonly string[]>();

/**
 * The columns of `model` the nodes of the connection `info` resolves need for the fields selected
 * under `edges { node }`, `id` always; of a LocalizedText, those of its selected scripts. Computed
 * once per selection (both executors hand every parent's call the same field nodes), and one array
 * per column set, so sibling parents and other selections of the same columns share one page statement.
 */
export function nodeColumns(info: GraphQLResolveInfo, model: string): readonly string[] {
  let columns = byFieldNodes.get(info.fieldNodes);
  if (!columns) {
    const selected = new Map<string, FieldNode[]>();
    for (const connectionField of info.fieldNodes) {
      for (const edges of fieldsOf(connectionField.selectionSet, info)) {
        if (edges.name.value !== 'edges') continue;
        for (const node of fieldsOf(edges.selectionSet, info)) {
          if (node.name.value !== 'node') continue;
          for (const field of fieldsOf(node.selectionSet, info)) {
            selected.set(field.name.value, [...(selected.get(field.name.value) ?? []), field]);
          }
        }
      }
    }
    const fields = nodeType(getNamedType(info.returnType))?.getFields();
    const read = [...selected].flatMap(([name, selections]) => {
      const type = fields?.[name] && getNamedType(fields[name].type);
      const localized = type?.name === 'LocalizedText' ? localizedColumns(model, name, selections, info) : null;
      return localized ?? columnsOfField(model, name);
    });
    const sorted = [...new Set(['id', ...read])].sort();
    const key = `${model}:${sorted.join(',')}`;
    columns = sameColumns.get(key) ?? sorted;
    if (columns === sorted) sameColumns.set(key, sorted);
    byFieldNodes.set(info.fieldNodes, columns);
  }
  return columns;
}

const countedFieldNodes = new WeakMap<readonly FieldNode[], boolean>();

/** Whether the connection `info` resolves has its `totalCount` selected (computed once per selection). */
export function selectsTotalCount(info: GraphQLResolveInfo): boolean {
  let counted = countedFieldNodes.get(info.fieldNodes);
  if (counted === undefined) {
    counted = info.fieldNodes.some((field) =>
      fieldsOf(field.selectionSet, info).some((selected) => selected.name.value === 'totalCount'),
    );
    countedFieldNodes.set(info.fieldNodes, counted);
  }
  return counted;
}
