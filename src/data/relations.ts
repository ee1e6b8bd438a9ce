import { getDatamodel } from '../generated/pothos-types.js';

interface Field {
  name: string;
  kind: string;
  type: string;
  isList: boolean;
  isId?: boolean;
  relationName?: string;
  relationFromFields?: readonly string[];
}

interface Model {
  fields: readonly Field[];
  primaryKey: { fields: readonly string[] } | null;
  uniqueIndexes: readonly { fields: readonly string[] }[];
}

const models = getDatamodel().datamodel.models as unknown as Record<string, Model>;

/**
 * Where the items of one parent live, in the tables and columns Prisma maps the data model to: a
 * foreign key on the item's table, or a link table (an explicit model, or Prisma's implicit
 * many-to-many table with columns "A" and "B"). Items are ordered, and their cursors taken, by the
 * item table; `node` answers each item with the row it refers to instead (a party's positions,
 * answered as officials).
 */
export type PageSource = {
  name: string;
  table: string;
  orderBy: readonly string[];
  node?: { table: string; foreignKey: string };
  /** The items of more than the parent: of every row a hierarchy reaches from it (see `beneath`). */
  reach?: Reach;
} & (
  | { foreignKey: string }
  | {
      through: string;
      parentColumn: string;
      itemColumn: string;
      /** Columns of the link table equal to `orderBy`'s, so that a page is read from the link table's index. */
      linkOrderBy?: readonly string[];
    }
);

/** The model whose rows a page's edges answer with. */
export const nodeModelOf = (source: PageSource) => source.node?.table ?? source.table;

export class DataModelError extends Error {
  override name = 'DataModelError';
}

function modelOf(name: string): Model {
  const model = models[name];
  if (!model) throw new DataModelError(`${name} is not a model of prisma/schema.prisma`);
  return model;
}

function fieldOf(model: string, name: string): Field {
  const field = modelOf(model).fields.find((f) => f.name === name);
  if (!field) throw new DataModelError(`${model} has no field ${name}`);
  return field;
}

/** The other side of a relation field. */
function oppositeOf(model: string, field: Field): Field {
  const opposite = modelOf(field.type).fields.find(
    (f) => f.relationName === field.relationName && !(field.type === model && f.name === field.name),
  );
  if (!opposite) throw new DataModelError(`${model}.${field.name} has no opposite relation field`);
  return opposite;
}

/**
 * The fields of `target` a relation's foreign key refers to. The datamodel Pothos loads names the
 * foreign key's fields only: one field refers to the target's id; several, to its one unique or
 * primary key of that many fields.
 */
function referencedFields(target: string, foreignKey: readonly string[]): readonly string[] {
  const model = modelOf(target);
  if (foreignKey.length === 1) {
    const id = model.fields.find((f) => f.isId);
    if (id) return [id.name];
  }
  const keys = [...(model.primaryKey ? [model.primaryKey] : []), ...model.uniqueIndexes].filter(
    (key) => key.fields.length === foreignKey.length,
  );
  const [only, ...others] = keys;
  if (!only || others.length) {
    throw new DataModelError(`cannot tell which fields of ${target} the key (${foreignKey.join(', ')}) refers to`);
  }
  return only.fields;
}

/** The foreign key of a to-one relation field, mapped from the fields it refers to. */
function foreignKeyOf(model: string, relation: string) {
  const field = fieldOf(model, relation);
  const from = field.relationFromFields ?? [];
  if (field.kind !== 'object' || field.isList || from.length === 0) {
    throw new DataModelError(`${model}.${relation} is not a relation that holds a foreign key`);
  }
  const to = referencedFields(field.type, from);
  return { target: field.type, columns: new Map(to.map((name, i) => [name, from[i] as string])) };
}

/** A model's rows as a tree: `parentKey` is the column of each row that refers to the row above it. */
export interface Hierarchy {
  name: string;
  table: string;
  parentKey: string;
  columns: readonly string[];
}

/**
 * The rows a page's items hang on, for each parent: the rows its seeds lead to and every row beneath
 * them in `hierarchy`. The seeds are the parent itself, or the far side of its link table `seeds`.
 */
export interface Reach {
  hierarchy?: Hierarchy;
  seeds?: { through: string; parentColumn: string; itemColumn: string };
}

/** `model` as a tree through its to-one relation `parent` to a row of the same model. */
export function hierarchyOf(model: string, parent: string): Hierarchy {
  const { target, columns } = foreignKeyOf(model, parent);
  const parentKey = columns.get('id');
  if (target !== model || !parentKey) throw new DataModelError(`${model}.${parent} does not refer to a ${model}`);
  return { name: `${model}.${parent}`, table: model, parentKey, columns: scalarColumns(model) };
}

export interface PageOptions {
  /** The item model's fields the items are ordered by; the last must make the order total. */
  orderBy: readonly string[];
  /** The relation, on the link model a list relation leads to, whose rows are the items (each once per parent). */
  through?: string;
  /** The relation, on the items, whose row answers for each item: items stay ordered and paged as themselves. */
  answeredAs?: string;
  /**
   * The to-one relation of `model` to the row above it (Industry's `parent`): the page then holds the
   * items of the parent and of every row beneath it, each item once.
   */
  beneath?: string;
  /**
   * Pages for a row of another model: the items of every `model` row its list relation `from[1]`
   * leads to (and, with `beneath`, of the rows beneath those), each once.
   */
  from?: readonly [model: string, relation: string];
}

/**
 * How to read a page of `model.relation`, derived from the data model: which tables, keys and link
 * columns, and whether the link table's index already holds the order.
 */
export function pageSource(model: string, relation: string, options: PageOptions): PageSource {
  const { beneath, from, ...own } = options;
  if (!beneath && !from) return directPageSource(model, relation, own);
  // Items reached through several rows are ordered as items, not by one link table's index.
  const { linkOrderBy: _byLink, ...source } = directPageSource(model, relation, own) as PageSource & {
    linkOrderBy?: readonly string[];
  };
  let seeds: Reach['seeds'];
  if (from) {
    const link = directPageSource(from[0], from[1], { orderBy: ['id'] });
    if (!('through' in link) || link.table !== model)
      throw new DataModelError(`${from[0]}.${from[1]} is not a many-to-many relation to ${model}`);
    seeds = { through: link.through, parentColumn: link.parentColumn, itemColumn: link.itemColumn };
  }
  const name = `${from ? `${from.join('.')}>` : ''}${source.name}${beneath ? `<${beneath}` : ''}`;
  const reach: Reach = { ...(beneath ? { hierarchy: hierarchyOf(model, beneath) } : {}), ...(seeds ? { seeds } : {}) };
  return { ...source, name, reach };
}

function directPageSource(model: string, relation: string, options: PageOptions): PageSource {
  const field = fieldOf(model, relation);
  if (field.kind !== 'object' || !field.isList) throw new DataModelError(`${model}.${relation} is not a list relation`);
  const opposite = oppositeOf(model, field);
  const name = `${model}.${relation}`;
  if (!opposite.isList) {
    const parentKey = foreignKeyOf(field.type, opposite.name).columns.get('id');
    if (!parentKey) throw new DataModelError(`${field.type}.${opposite.name} does not refer to ${model}'s id`);
    if (options.through) {
      const item = foreignKeyOf(field.type, options.through);
      const itemColumn = item.columns.get('id');
      if (!itemColumn)
        throw new DataModelError(`${field.type}.${options.through} does not refer to ${item.target}'s id`);
      const linked = options.orderBy.map((column) => item.columns.get(column));
      return {
        name,
        table: item.target,
        orderBy: options.orderBy,
        through: field.type,
        parentColumn: parentKey,
        itemColumn,
        ...(linked.every((column) => column !== undefined) ? { linkOrderBy: linked as string[] } : {}),
      };
    }
    const node = options.answeredAs ? foreignKeyOf(field.type, options.answeredAs) : undefined;
    const nodeKey = node?.columns.get('id');
    return {
      name,
      table: field.type,
      orderBy: options.orderBy,
      foreignKey: parentKey,
      ...(node && nodeKey ? { node: { table: node.target, foreignKey: nodeKey } } : {}),
    };
  }
  // Prisma's implicit many-to-many: "A" refers to the model whose name sorts first, "B" to the other.
  const parentIsA = [model, field.type].sort()[0] === model;
  const [parentColumn, itemColumn] = parentIsA ? ['A', 'B'] : ['B', 'A'];
  return {
    name,
    table: field.type,
    orderBy: options.orderBy,
    through: `_${field.relationName}`,
    parentColumn,
    itemColumn,
    ...(options.orderBy.length === 1 && options.orderBy[0] === 'id' ? { linkOrderBy: [itemColumn] } : {}),
  };
}

/**
 * A column of `model` in a select list under `alias`. Enum lists are read as text[], which the
 * driver parses into an array (PostgreSQL's own array type of the enum it returns as a string).
 */
export function selectColumn(model: string, alias: string, column: string, as = column): string {
  const field = models[model]?.fields.find((f) => f.name === column);
  const cast = field?.kind === 'enum' && field.isList ? '::text[]' : '';
  return cast || as !== column ? `${alias}."${column}"${cast} AS "${as}"` : `${alias}."${column}"`;
}

/** How a model's rows are edited: its columns, and the list relations through which other rows refer to a row. */
export interface EditShape {
  columns: ReadonlyMap<string, string>;
  lists: readonly string[];
}

/** The columns (name to Prisma type) of `model` and its list relation fields. */
export function editShapeOf(model: string): EditShape {
  const { fields } = modelOf(model);
  return {
    columns: new Map(fields.filter((f) => f.kind !== 'object' && !f.isId).map((f) => [f.name, f.type])),
    lists: fields.filter((f) => f.kind === 'object' && f.isList).map((f) => f.name),
  };
}

/** A row of the data model, by model and id. */
export interface RowRef {
  model: string;
  id: number;
}

const idsIn = (value: unknown): number[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is number => typeof v === 'number');

/** The rows a to-one relation field's foreign key (a single column) refers to, by column name. */
function singleForeignKeys(model: string): Map<string, string> {
  return new Map(
    modelOf(model)
      .fields.filter((f) => f.kind === 'object' && !f.isList && f.relationFromFields?.length === 1)
      .map((f) => [f.relationFromFields?.[0] as string, f.type]),
  );
}

/**
 * The rows a change of a `model` row names before and after it, field by field as revisions record changes: the
 * rows its foreign keys refer to, and those its list relations link (ids of a many-to-many, or rows of a link model
 * whose foreign keys name them).
 */
export function rowsReferredBy(model: string, changes: Record<string, { before: unknown; after: unknown }>): RowRef[] {
  const foreignKeys = singleForeignKeys(model);
  const refs: RowRef[] = [];
  for (const [name, { before, after }] of Object.entries(changes)) {
    const target = foreignKeys.get(name);
    if (target) {
      for (const id of idsIn([before, after])) refs.push({ model: target, id });
      continue;
    }
    const field = modelOf(model).fields.find((f) => f.name === name);
    if (field?.kind !== 'object' || !field.isList) continue;
    const linkKeys = [...singleForeignKeys(field.type)].filter(([, to]) => to !== model);
    for (const item of [before, after].flat()) {
      if (typeof item === 'number') refs.push({ model: field.type, id: item });
      else if (item && typeof item === 'object') {
        for (const [column, to] of linkKeys) {
          for (const id of idsIn((item as Record<string, unknown>)[column])) refs.push({ model: to, id });
        }
      }
    }
  }
  return refs;
}

/** Whether rows of `model` hang under other rows of it, so that a change of one alters what its ancestors reach. */
export const isHierarchy = (model: string) =>
  modelOf(model).fields.some((f) => f.kind === 'object' && !f.isList && f.type === model);

/** The enum columns of `model`: the values lists are filtered by. */
export const enumColumns = (model: string) =>
  new Set(
    modelOf(model)
      .fields.filter((f) => f.kind === 'enum')
      .map((f) => f.name),
  );

/** The implicit many-to-many link tables of the data model: names only the data layer may write. */
export function linkTables(): string[] {
  return Object.entries(models).flatMap(([model, { fields }]) =>
    fields
      .filter((f) => f.kind === 'object' && f.isList && oppositeOf(model, f).isList && model <= f.type)
      .map((f) => `_${f.relationName}`),
  );
}

/** Relations to read along with a list relation, in Prisma's `include` shape, each list in a stated order. */
export interface IncludeTree {
  [relation: string]: { orderBy?: readonly string[]; include?: IncludeTree };
}

/** One table of a joined read: its rows become objects set on their parent's `relation`. */
export interface JoinLevel {
  alias: string;
  model: string;
  /** The level whose rows these hang under; -1 for the items of the root relation. */
  parent: number;
  relation: string;
  isList: boolean;
  /** How the level joins its parent: its column = the parent's column. */
  on: { column: string; parentColumn: string };
  /** The columns that tell its rows apart: the id, or the primary key's. */
  key: readonly string[];
  /** The order of a list's rows, ending with the key's columns it lacks so that the order is total. */
  orderBy: readonly string[];
  columns: readonly string[];
}

export interface JoinSource {
  name: string;
  /** The items' column that refers to the parent the rows are grouped by. */
  parentKey: string;
  levels: readonly JoinLevel[];
}

/** Scalar types whose driver value is what Prisma's client returns (a Decimal or a DateTime is not). */
const driverTypes = new Set(['String', 'Int', 'Float', 'Boolean']);

/** The fields that tell a model's rows apart. */
function keyOf(model: string): readonly string[] {
  const { fields, primaryKey } = modelOf(model);
  const id = fields.find((f) => f.isId);
  if (id) return [id.name];
  if (primaryKey) return primaryKey.fields;
  throw new DataModelError(`${model} has neither an id nor a primary key`);
}

/** A level of a joined read of `model`'s rows: every scalar column, ordered by `orderBy` then the key. */
function joinLevel(
  model: string,
  at: Omit<JoinLevel, 'model' | 'key' | 'orderBy' | 'columns'>,
  orderBy: readonly string[],
) {
  const key = keyOf(model);
  const order = [...orderBy, ...key.filter((column) => !orderBy.includes(column))];
  return { ...at, model, key, orderBy: order, columns: scalarColumns(model) };
}

function scalarColumns(model: string) {
  const scalars = modelOf(model).fields.filter((f) => f.kind !== 'object');
  const other = scalars.find((f) => f.kind === 'scalar' && !driverTypes.has(f.type));
  if (other) throw new DataModelError(`${model}.${other.name} is a ${other.type}: read it through Prisma`);
  return scalars.map((f) => f.name);
}

/** Appends to `levels` the relations `tree` includes under `levels[parent]`, depth first. */
function joinLevels(levels: JoinLevel[], parent: number, tree: IncludeTree, label: string) {
  for (const [name, { orderBy: order = [], include: nested = {} }] of Object.entries(tree)) {
    const owner = levels[parent] as JoinLevel;
    const child = fieldOf(owner.model, name);
    if (child.kind !== 'object') throw new DataModelError(`${owner.model}.${name} is not a relation`);
    const opposite = oppositeOf(owner.model, child);
    if (child.isList && opposite.isList) throw new DataModelError(`${owner.model}.${name} is many-to-many`);
    const on = child.isList
      ? { column: foreignKeyOf(child.type, opposite.name).columns.get('id'), parentColumn: 'id' }
      : { column: 'id', parentColumn: foreignKeyOf(owner.model, name).columns.get('id') };
    if (!on.column || !on.parentColumn) throw new DataModelError(`${owner.model}.${name} does not join by id`);
    if (child.isList && levels.some((level, i) => i > 0 && level.isList)) {
      throw new DataModelError(`${label}: a joined read takes one list relation below its items`);
    }
    const at = { alias: `t${levels.length}`, parent, relation: name, isList: child.isList, on: on as JoinLevel['on'] };
    levels.push(joinLevel(child.type, at, order));
    joinLevels(levels, levels.length - 1, nested, label);
  }
}

/**
 * How to read `model.relation` with the relations `include` names in one statement, derived from the
 * data model: a join per relation, each row split back into the nested objects Prisma would include.
 * At most one list relation below the items, so that the join does not multiply sibling lists.
 */
export function joinSource(
  model: string,
  relation: string,
  orderBy: readonly string[],
  include: IncludeTree,
): JoinSource {
  const field = fieldOf(model, relation);
  const opposite = field.isList ? oppositeOf(model, field) : undefined;
  if (!field.isList || !opposite || opposite.isList) {
    throw new DataModelError(`${model}.${relation} is not a list relation whose items hold its foreign key`);
  }
  const parentKey = foreignKeyOf(field.type, opposite.name).columns.get('id') as string;
  const at = { alias: 't0', parent: -1, relation, isList: true, on: { column: parentKey, parentColumn: 'id' } };
  const levels: JoinLevel[] = [joinLevel(field.type, at, orderBy)];
  joinLevels(levels, 0, include, `${model}.${relation}`);
  return { name: `${model}.${relation}+`, parentKey, levels };
}

/** Rows of `model` by id with the relations `include` names, in one statement (as joinSource reads items). */
export function nodeJoinSource(model: string, include: IncludeTree): JoinSource {
  const at = { alias: 't0', parent: -1, relation: '', isList: false, on: { column: 'id', parentColumn: 'id' } };
  const levels: JoinLevel[] = [joinLevel(model, at, [])];
  joinLevels(levels, 0, include, model);
  return { name: `${model}#${JSON.stringify(include)}`, parentKey: 'id', levels };
}

/** The relations of a Prisma `include`, or null when one asks for more than relations in ascending order. */
function treeOf(include: unknown): IncludeTree | null {
  if (typeof include !== 'object' || include === null) return null;
  const tree: IncludeTree = {};
  for (const [relation, nested] of Object.entries(include)) {
    if (nested === true) {
      tree[relation] = {};
      continue;
    }
    if (typeof nested !== 'object' || nested === null) return null;
    const { include: below, orderBy, ...rest } = nested as { include?: unknown; orderBy?: unknown };
    const columns = orderBy === undefined ? [] : ascendingColumns(orderBy);
    const subtree = below === undefined ? {} : treeOf(below);
    if (Object.keys(rest).length > 0 || !columns || !subtree) return null;
    tree[relation] = {
      ...(columns.length ? { orderBy: columns } : {}),
      ...(Object.keys(subtree).length ? { include: subtree } : {}),
    };
  }
  return tree;
}

/**
 * The include tree of a Prisma query that only includes relations, each list in ascending order of
 * its columns (the queries Pothos plans for a node); null for anything else (a select, a filter, a
 * count, a page, a descending order), which Prisma's client must read.
 */
export function includeTreeOf(query: unknown): IncludeTree | null {
  if (typeof query !== 'object' || query === null) return null;
  const { include, ...rest } = query as { include?: unknown };
  if (Object.keys(rest).length > 0) return null;
  return include === undefined ? {} : treeOf(include);
}

/** The columns of a Prisma orderBy ({ a: 'asc' } or [{ a: 'asc' }, …]) when every one is ascending. */
function ascendingColumns(orderBy: unknown): string[] | null {
  const terms = Array.isArray(orderBy) ? orderBy : [orderBy];
  const columns: string[] = [];
  for (const term of terms) {
    const entries = typeof term === 'object' && term !== null ? Object.entries(term) : [];
    const [only] = entries;
    if (entries.length !== 1 || !only || only[1] !== 'asc') return null;
    columns.push(only[0]);
  }
  return columns;
}
