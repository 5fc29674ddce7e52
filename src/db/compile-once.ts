import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';

/** A value a compiled statement binds afresh on each run. */
export type StatementValue = string | number | bigint | boolean | null;

/**
 * A statement's arguments by name: each one a parameter, or a list for an `in (…)`. No
 * `undefined`: Kysely leaves an undefined column out of `set`, which would change the statement.
 */
export type StatementArgs<A> = { [K in keyof A]: StatementValue | readonly StatementValue[] };

/** Runs the statement with these arguments; the SQL was compiled once, on the first run. */
export type CompiledStatement<A extends StatementArgs<A>, R> = (args: A) => Promise<QueryResult<R>>;

/**
 * A Kysely query compiled once and then run with new parameters, on either dialect.
 *
 * Building and compiling the ledger's `sent` update cost ≈ 40 µs of CPU, as much as SQLite
 * takes to run it (docs/benchmarks.md, "Send"), and the ledger writes one per message. `build`
 * is called once with a placeholder for every argument; the compiled SQL and parameter list are
 * kept, and each run copies the list and puts the arguments where their placeholders were.
 * Kysely stays the one source of the SQL; the placeholders keep the order each dialect gives its
 * parameters.
 *
 * `build` must use each argument as a value only (a comparison, a `set`, a `limit`): it may not
 * compute with it or branch on its value (placeholders throw when converted to a primitive), and
 * every argument must reach the statement's parameters. A list argument is for `in (…)`: the
 * statement is compiled per length rounded up to a power of two (a few shapes, however many
 * lengths), the list padded with its last element, which an `in` list does not notice.
 */
export function compileOnce<DB, A extends StatementArgs<A>, R>(
  db: Kysely<DB>,
  build: (args: A) => Compilable<R>,
): CompiledStatement<A, R> {
  const shapes = new Map<string, Shape<R>>();
  return async (args) => {
    const values = args as Record<string, StatementValue | readonly StatementValue[]>;
    const key = shapeKey(values);
    let shape = shapes.get(key);
    if (shape === undefined) {
      shape = compileShape(build, args);
      shapes.set(key, shape);
    }
    const parameters = shape.compiled.parameters.slice();
    for (const { at, name, index } of shape.slots) {
      const value = values[name]!;
      parameters[at] = index === undefined ? value : padded(value as readonly StatementValue[], index);
    }
    return db.executeQuery<R>({ ...shape.compiled, parameters });
  };
}

interface Shape<R> {
  compiled: CompiledQuery<R>;
  /** Where each argument goes in the parameter list (`index`: the element of a list argument). */
  slots: { at: number; name: string; index?: number }[];
}

/**
 * Stands for an argument while the query is built; any use other than as a value throws (a plain
 * Error, not a GazetteError: it is a bug in the caller, caught by its first test).
 */
class Placeholder {
  readonly name: string;
  readonly index: number | undefined;

  constructor(name: string, index?: number) {
    this.name = name;
    this.index = index;
  }

  [Symbol.toPrimitive](): never {
    throw new Error(
      `compileOnce: argument "${this.name}" was used in a computation while the query was built; ` +
        'compute it before the call and pass the result as an argument.',
    );
  }
}

function compileShape<A extends StatementArgs<A>, R>(build: (args: A) => Compilable<R>, args: A): Shape<R> {
  const placeholders: Record<string, Placeholder | Placeholder[]> = {};
  for (const [name, value] of Object.entries(args as Record<string, unknown>)) {
    placeholders[name] = Array.isArray(value)
      ? Array.from({ length: bucket(value.length) }, (_, index) => new Placeholder(name, index))
      : new Placeholder(name);
  }
  const compiled = build(placeholders as unknown as A).compile();
  const slots: Shape<R>['slots'] = [];
  const used = new Set<string>();
  compiled.parameters.forEach((parameter, at) => {
    if (!(parameter instanceof Placeholder)) return;
    slots.push({ at, name: parameter.name, index: parameter.index });
    used.add(parameter.name);
  });
  // An empty list has no placeholder: `in ()` compiles as it would have uncompiled.
  const unused = Object.entries(placeholders)
    .filter(([name, p]) => !used.has(name) && !(Array.isArray(p) && p.length === 0))
    .map(([name]) => name);
  if (unused.length > 0) {
    throw new Error(
      `compileOnce: argument(s) ${unused.join(', ')} never reached the statement's parameters; ` +
        'pass only the values the query binds (a branch on an argument needs a statement of its own).',
    );
  }
  return { compiled, slots };
}

/** The lengths of list arguments: one compiled shape per bucket of lengths. */
function shapeKey(args: Record<string, unknown>): string {
  let key = '';
  for (const name in args) {
    const value = args[name];
    if (Array.isArray(value)) key += `${name}:${bucket(value.length)};`;
  }
  return key;
}

/** The next power of two (0 stays 0: an empty `in ()` compiles as it would uncompiled). */
function bucket(length: number): number {
  return length <= 1 ? length : 2 ** Math.ceil(Math.log2(length));
}

function padded(list: readonly StatementValue[], index: number): StatementValue {
  return index < list.length ? list[index]! : list[list.length - 1]!;
}
