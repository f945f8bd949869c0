/**
 * Changes of a model schema whose verdict is known in advance, for callers who send it (input) and for callers who
 * receive it (output): the expectations the property tests hold the check to.
 */
import type { ModelField, ModelNode, ModelObject } from './schema-model.js';

/** What a change is expected to be: breaking, safe, or no difference at all. */
export type Expected = 'breaking' | 'safe' | 'none';

/** A change of the model, where it applies, and what it makes of the schema. */
export interface Mutation {
  readonly name: string;
  /** Expected verdicts for input and for output. */
  readonly input: Expected;
  readonly output: Expected;
}

type Site = { object: ModelObject; field?: ModelField };

/** Every object of a tree, and every field of each, with a way to replace them. */
function sites(root: ModelObject): Site[] {
  const found: Site[] = [];
  const visit = (node: ModelNode): void => {
    if (node.kind === 'array') visit(node.item);
    if (node.kind !== 'object') return;
    found.push({ object: node });
    for (const field of node.fields) {
      found.push({ object: node, field });
      visit(field.node);
    }
  };
  visit(root);
  return found;
}

/** Rebuilds `root` with `target` (an object or field, by identity) replaced by `replacement`. */
function replace<T extends object>(root: ModelObject, target: T, replacement: T): ModelObject {
  const rebuild = (node: ModelNode): ModelNode => {
    if ((node as object) === target) return replacement as unknown as ModelNode;
    if (node.kind === 'array') return { ...node, item: rebuild(node.item) };
    if (node.kind !== 'object') return node;
    return {
      ...node,
      fields: node.fields.map((f) =>
        (f as object) === target ? (replacement as unknown as ModelField) : { ...f, node: rebuild(f.node) },
      ),
    };
  };
  return rebuild(root) as ModelObject;
}

const FRESH = ['added', 'extra', 'more'];

interface MutationKind {
  readonly name: string;
  /** The change at a site, or undefined when it does not apply there. */
  apply(root: ModelObject, site: Site): { root: ModelObject; input: Expected; output: Expected } | undefined;
}

const onField = (
  name: string,
  input: Expected,
  output: Expected,
  change: (field: ModelField) => ModelField | undefined,
): MutationKind => ({
  name,
  apply(root, site) {
    if (site.field === undefined) return undefined;
    const changed = change(site.field);
    return changed === undefined ? undefined : { root: replace(root, site.field, changed), input, output };
  },
});

const onLeaf = (name: string, input: Expected, output: Expected, change: (node: ModelNode) => ModelNode | undefined) =>
  onField(name, input, output, (field) => {
    const node = change(field.node);
    return node === undefined ? undefined : { ...field, node };
  });

/** Every kind of change, with its verdicts. */
export const MUTATIONS: readonly MutationKind[] = [
  {
    name: 'add a required field',
    apply(root, site) {
      if (site.field !== undefined) return undefined;
      const name = FRESH.find((n) => !site.object.fields.some((f) => f.name === n))!;
      const field: ModelField = { name, node: { kind: 'boolean' }, optional: false, nullable: false };
      const object = { ...site.object, fields: [...site.object.fields, field] };
      return { root: replace(root, site.object, object), input: 'breaking', output: 'safe' };
    },
  },
  {
    name: 'add an optional field',
    apply(root, site) {
      if (site.field !== undefined) return undefined;
      const name = FRESH.find((n) => !site.object.fields.some((f) => f.name === n))!;
      const field: ModelField = { name, node: { kind: 'string' }, optional: true, nullable: false };
      const object = { ...site.object, fields: [...site.object.fields, field] };
      return { root: replace(root, site.object, object), input: 'safe', output: 'safe' };
    },
  },
  {
    name: 'remove a field',
    apply(root, site) {
      if (site.field === undefined) return undefined;
      const object = { ...site.object, fields: site.object.fields.filter((f) => f !== site.field) };
      return {
        root: replace(root, site.object, object),
        input: site.object.strict ? 'breaking' : 'safe',
        output: 'breaking',
      };
    },
  },
  {
    name: 'make the object strict',
    apply(root, site) {
      if (site.field !== undefined || site.object.strict) return undefined;
      return { root: replace(root, site.object, { ...site.object, strict: true }), input: 'breaking', output: 'none' };
    },
  },
  {
    name: 'make the object lenient',
    apply(root, site) {
      if (site.field !== undefined || !site.object.strict) return undefined;
      return { root: replace(root, site.object, { ...site.object, strict: false }), input: 'safe', output: 'none' };
    },
  },
  onField('make a field required', 'breaking', 'safe', (f) => (f.optional ? { ...f, optional: false } : undefined)),
  onField('make a field optional', 'safe', 'breaking', (f) => (f.optional ? undefined : { ...f, optional: true })),
  onField('make a field nullable', 'safe', 'breaking', (f) => (f.nullable ? undefined : { ...f, nullable: true })),
  onField('make a field non-nullable', 'breaking', 'safe', (f) => (f.nullable ? { ...f, nullable: false } : undefined)),
  onLeaf('add an enum value', 'safe', 'breaking', (n) =>
    n.kind === 'enum' && !n.values.includes('white') ? { ...n, values: [...n.values, 'white'] } : undefined,
  ),
  onLeaf('remove an enum value', 'breaking', 'safe', (n) =>
    n.kind === 'enum' && n.values.length > 1 ? { ...n, values: n.values.slice(1) } : undefined,
  ),
  onLeaf('tighten a bound', 'breaking', 'safe', (n) => {
    if (n.kind === 'number') {
      const max = n.max === undefined ? (n.min ?? 0) + 10 : n.max - 1;
      return max >= (n.min ?? Number.NEGATIVE_INFINITY) ? { ...n, max } : undefined;
    }
    if (n.kind === 'string') {
      const minLength = (n.minLength ?? 0) + 1;
      return minLength <= (n.maxLength ?? Number.POSITIVE_INFINITY) ? { ...n, minLength } : undefined;
    }
    if (n.kind === 'array' && (n.maxItems ?? 1) > 0) return { ...n, maxItems: (n.maxItems ?? 4) - 1 };
    return undefined;
  }),
  onLeaf('loosen a bound', 'safe', 'breaking', (n) => {
    if (n.kind === 'number' && n.max !== undefined) return { ...n, max: n.max + 1 };
    if (n.kind === 'string' && n.minLength !== undefined && n.minLength > 0)
      return { ...n, minLength: n.minLength - 1 };
    if (n.kind === 'array' && n.maxItems !== undefined) return { kind: 'array', item: n.item };
    return undefined;
  }),
  onLeaf('integer to number', 'safe', 'breaking', (n) =>
    n.kind === 'number' && n.int ? { ...n, int: false } : undefined,
  ),
  onLeaf('number to integer', 'breaking', 'safe', (n) =>
    n.kind === 'number' && !n.int ? { ...n, int: true } : undefined,
  ),
  onLeaf('change the type', 'breaking', 'breaking', (n) => {
    if (n.kind === 'string') return { kind: 'boolean' };
    if (n.kind === 'boolean' || n.kind === 'number') return { kind: 'string' };
    return undefined;
  }),
];

/**
 * Applies mutation `kind` at the `index`-th site where it applies (modulo their number); undefined when it applies
 * nowhere in `root`.
 *
 * @example
 * mutate(root, 0, 3) // { root: ..., input: 'breaking', output: 'safe', name: 'add a required field' }
 */
export function mutate(root: ModelObject, kind: number, index: number): ({ root: ModelObject } & Mutation) | undefined {
  const mutation = MUTATIONS[kind % MUTATIONS.length]!;
  const applied = sites(root)
    .map((site) => mutation.apply(root, site))
    .filter((a) => a !== undefined);
  if (applied.length === 0) return undefined;
  return { ...applied[index % applied.length]!, name: mutation.name };
}
