// Queries on the hottest paths (every authenticated request) are built and compiled by Kysely
// once per database engine, then run with new parameters: building a query costs more than
// SQLite takes to answer it.
import { type Compilable, CompiledQuery, type Insertable } from 'kysely';
import type { Executor } from './executor.js';
import type { Database } from './schema.js';

// Placeholders stand for the arguments while the query is compiled once.
const marker = (i: number) => `meridian.prepared.parameter.${i}`;
const MARKER = /^meridian\.prepared\.parameter\.(\d+)$/;

export function prepared<Row, Args extends unknown[]>(
  build: (db: Executor, ...args: Args) => Compilable<Row>,
) {
  // One compiled form per engine (the adapter's class), whatever the number of connections.
  const compiledByEngine = new Map<unknown, CompiledQuery<Row>>();
  return async (db: Executor, ...args: Args): Promise<Row[]> => {
    const engine = db.getExecutor().adapter.constructor;
    let compiled = compiledByEngine.get(engine);
    if (!compiled) {
      compiled = build(db, ...(args.map((_, i) => marker(i)) as Args)).compile();
      compiledByEngine.set(engine, compiled);
    }
    const parameters = compiled.parameters.map((value) => {
      const match = typeof value === 'string' ? MARKER.exec(value) : null;
      return match ? args[Number(match[1])] : value;
    });
    const result = await db.executeQuery<Row>(CompiledQuery.raw(compiled.sql, parameters));
    return result.rows;
  };
}

/**
 * An insert of one row into `table`, compiled once per engine and set of columns: for the inserts
 * every ticket creation makes several of (the ticket, its clocks, its jobs, its audit event), where
 * Kysely building the statement again cost more than SQLite took to run it. Columns whose value is
 * undefined are left out, as Kysely's `values()` does.
 */
export function preparedInsert<T extends keyof Database & string>(table: T) {
  const byColumns = new Map<string, (db: Executor, ...values: unknown[]) => Promise<unknown[]>>();
  return async (db: Executor, row: Insertable<Database[T]>): Promise<void> => {
    const values = row as Record<string, unknown>;
    const columns = Object.keys(values).filter((c) => values[c] !== undefined);
    const key = columns.join(',');
    let insert = byColumns.get(key);
    if (!insert) {
      insert = prepared((executor: Executor, ...args: unknown[]) =>
        executor
          .insertInto(table)
          .values(Object.fromEntries(columns.map((c, i) => [c, args[i]])) as never),
      );
      byColumns.set(key, insert);
    }
    await insert(db, ...columns.map((c) => values[c]));
  };
}
