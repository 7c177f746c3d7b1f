// What the archive knows about the workspace's tables: every table, its columns with their
// portable kind, its primary key and its foreign keys. Learnt by replaying the migrations on a
// compile-only Kysely that speaks PostgreSQL and records the statements instead of running them.
// PostgreSQL's flavour is the one that names the kinds (timestamptz, boolean, jsonb): on SQLite a
// timestamp, a boolean and a JSON document are all text or integer, so the database alone could
// not say how to write them portably. The migrations are the one source of the schema, so the
// model never drifts from it.
import {
  type AlterTableNode,
  type ColumnDefinitionNode,
  type CompiledQuery,
  type CreateTableNode,
  type DatabaseConnection,
  DummyDriver,
  type InsertQueryNode,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type ReferencesNode,
  type RootOperationNode,
} from 'kysely';
import type { Migration } from 'kysely/migration';

/** How a column's values are written in the archive, whatever the engine stores. */
export type ColumnKind = 'text' | 'integer' | 'real' | 'timestamp' | 'boolean' | 'json' | 'other';

export interface ColumnModel {
  name: string;
  kind: ColumnKind;
  notNull: boolean;
}

export interface ForeignKeyModel {
  columns: string[];
  table: string;
  referencedColumns: string[];
}

export interface TableModel {
  name: string;
  columns: ColumnModel[];
  primaryKey: string[];
  foreignKeys: ForeignKeyModel[];
  /** Rows the migrations themselves insert (default KPIs, programme phases…). */
  seededRows: number;
}

export interface SchemaModel {
  /** Migration names, in order, that built this model. */
  migrations: string[];
  tables: Map<string, TableModel>;
}

const KINDS: Record<string, ColumnKind> = {
  text: 'text',
  integer: 'integer',
  bigint: 'integer',
  real: 'real',
  'double precision': 'real',
  timestamptz: 'timestamp',
  boolean: 'boolean',
  jsonb: 'json',
};

function kindOf(dataType: unknown): ColumnKind {
  const node = dataType as { kind: string; dataType?: string };
  if (node.kind !== 'DataTypeNode' || !node.dataType) return 'other';
  return KINDS[node.dataType] ?? 'other';
}

const tableName = (node: { table: { identifier: { name: string } } }) => node.table.identifier.name;
const columnName = (node: { column: { name: string } }) => node.column.name;

function references(columns: string[], node: ReferencesNode): ForeignKeyModel {
  return {
    columns,
    table: tableName(node.table),
    referencedColumns: node.columns.map(columnName),
  };
}

function recordingDatabase(statements: RootOperationNode[]) {
  const connection: DatabaseConnection = {
    async executeQuery(query: CompiledQuery) {
      statements.push(query.query);
      return { rows: [] };
    },
    async *streamQuery() {},
  };
  class RecordingDriver extends DummyDriver {
    override async acquireConnection() {
      return connection;
    }
  }
  // biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
  return new Kysely<any>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new RecordingDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

function addColumn(table: TableModel, column: ColumnDefinitionNode) {
  const name = columnName(column.column);
  table.columns.push({
    name,
    kind: kindOf(column.dataType),
    notNull: Boolean(column.notNull || column.primaryKey),
  });
  if (column.primaryKey) table.primaryKey = [name];
  if (column.references) table.foreignKeys.push(references([name], column.references));
}

function applyCreate(tables: Map<string, TableModel>, node: CreateTableNode) {
  const table: TableModel = {
    name: tableName(node.table),
    columns: [],
    primaryKey: [],
    foreignKeys: [],
    seededRows: 0,
  };
  for (const column of node.columns) addColumn(table, column);
  for (const constraint of node.constraints ?? []) {
    if (constraint.kind === 'PrimaryKeyConstraintNode')
      table.primaryKey = constraint.columns.map(columnName);
    if (constraint.kind === 'ForeignKeyConstraintNode')
      table.foreignKeys.push(references(constraint.columns.map(columnName), constraint.references));
  }
  tables.set(table.name, table);
}

function applyAlter(tables: Map<string, TableModel>, node: AlterTableNode) {
  const table = tables.get(tableName(node.table));
  if (!table) return;
  for (const change of node.columnAlterations ?? []) {
    if (change.kind === 'AddColumnNode') addColumn(table, change.column);
    if (change.kind === 'DropColumnNode') {
      const name = columnName(change.column);
      table.columns = table.columns.filter((c) => c.name !== name);
      table.foreignKeys = table.foreignKeys.filter((fk) => !fk.columns.includes(name));
    }
    if (change.kind === 'RenameColumnNode') {
      const from = columnName(change.column);
      const to = columnName(change.renameTo);
      for (const c of table.columns) if (c.name === from) c.name = to;
      for (const fk of table.foreignKeys) fk.columns = fk.columns.map((c) => (c === from ? to : c));
      table.primaryKey = table.primaryKey.map((c) => (c === from ? to : c));
    }
  }
  if (node.renameTo) {
    tables.delete(table.name);
    table.name = tableName(node.renameTo);
    tables.set(table.name, table);
  }
}

function applyInsert(tables: Map<string, TableModel>, node: InsertQueryNode) {
  if (!node.into) return;
  const table = tables.get(tableName(node.into));
  const values = node.values as { kind: string; values?: readonly unknown[] } | undefined;
  if (table && values?.kind === 'ValuesNode') table.seededRows += values.values?.length ?? 0;
}

/** Replays `migrations` (in the given order) and returns the tables they leave. */
export async function schemaModel(migrations: [string, Migration][]): Promise<SchemaModel> {
  const statements: RootOperationNode[] = [];
  const db = recordingDatabase(statements);
  const tables = new Map<string, TableModel>();
  try {
    for (const [, migration] of migrations) {
      statements.length = 0;
      await migration.up(db);
      for (const node of statements) {
        if (node.kind === 'CreateTableNode') applyCreate(tables, node);
        else if (node.kind === 'AlterTableNode') applyAlter(tables, node);
        else if (node.kind === 'DropTableNode') tables.delete(tableName(node.table));
        else if (node.kind === 'InsertQueryNode') applyInsert(tables, node);
      }
    }
  } finally {
    await db.destroy();
  }
  return { migrations: migrations.map(([name]) => name), tables };
}
