// Queries on the hottest paths (every authenticated request) are built and compiled by Kysely
// once per database engine, then run with new parameters: building a query costs more than
// SQLite takes to answer it.
import { type Compilable, CompiledQuery } from 'kysely';
import type { Executor } from './executor.js';

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
