// CSV and XLSX exports of the API's lists (issue 9): for a list at GET <path>, GET
// <path>/export.csv and <path>/export.xlsx take the same filters and go through the same service
// call, so the permission checks and the row visibility (a requester sees only their own
// tickets) are the list's own. The service is asked for its pages one after another by keyset
// cursor, each page written out before the next is read: no row cap, memory of one page. The
// first page is read before any byte is sent, so a refused or bad request is still a 4xx
// problem. The columns are the fields of the list's item schema, nested objects flattened,
// with headers made readable from the field names.
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { type Static, type TObject, type TSchema, Type } from 'typebox';
import { MAX_PAGE_SIZE, type Page } from '../../db/keyset.js';
import type { Actor } from '../../shared/actor.js';
import type { Cell } from '../../shared/export/csv.js';
import {
  CONTENT_TYPES,
  EXPORT_FORMATS,
  type ExportFile,
  type Row,
  tableFile,
} from '../../shared/export/file.js';
import { actorOf } from './authentication.js';

type App = Parameters<FastifyPluginAsyncTypebox>[0];

/** Sends an export as an attachment whose body streams; a client that leaves ends the reading. */
export function sendExport(reply: FastifyReply, file: ExportFile) {
  return reply
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'no-store')
    .type(file.contentType)
    .send(Readable.from(file.body, { objectMode: false }));
}

export interface Column {
  header: string;
  value: (item: unknown) => Cell;
}

// Words kept in capitals in a header.
const ACRONYMS: Record<string, string> = {
  id: 'ID',
  ids: 'IDs',
  sla: 'SLA',
  kpi: 'KPI',
  url: 'URL',
  ci: 'CI',
  iso: 'ISO',
};

/** "requesterName" → "Requester name", ["sla", "dueAt"] → "SLA due at". */
export function headerOf(path: readonly string[]): string {
  const words = path
    .flatMap((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_]+/))
    .filter(Boolean)
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase());
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

type Json = Record<string, unknown>;

/** The object schema of a field that is an object, or an object or null; otherwise null. */
function objectSchema(schema: Json): Json | null {
  if (schema.type === 'object' && schema.properties) return schema;
  const anyOf = schema.anyOf as Json[] | undefined;
  if (!Array.isArray(anyOf)) return null;
  const objects = anyOf.filter((s) => s.type === 'object' && s.properties);
  const [only] = objects;
  return objects.length === 1 && anyOf.every((s) => s === only || s.type === 'null')
    ? (only as Json)
    : null;
}

/** Whether the field (or its non-null branch) is a number, so the cell is written as one. */
function isNumeric(schema: Json): boolean {
  const types = [schema, ...((schema.anyOf as Json[] | undefined) ?? [])].map((s) => s.type);
  return types.includes('number') || types.includes('integer');
}

/** A list element written in a cell: a linked record by its readable name, else as JSON. */
function elementText(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  const o = value as Json;
  for (const key of ['number', 'name', 'title', 'reference', 'label', 'key', 'id'])
    if (typeof o[key] === 'string' || typeof o[key] === 'number') return String(o[key]);
  return JSON.stringify(value);
}

/** One value as a cell: dates as ISO 8601, yes/no as true/false, lists joined with "; ". */
export function cellOf(value: unknown, numeric = false): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (numeric && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    return value;
  }
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(elementText).join('; ');
  return JSON.stringify(value);
}

/**
 * The columns of an item schema: one per scalar or list field, an object's fields flattened
 * ("sla.dueAt" → "SLA due at"). `omit` drops fields by dotted path (a whole object, too);
 * `headers` renames by dotted path.
 */
export function columnsOf(
  item: TSchema,
  options: { omit?: readonly string[]; headers?: Readonly<Record<string, string>> } = {},
): Column[] {
  const columns: Column[] = [];
  const walk = (schema: Json, path: string[]) => {
    const properties = schema.properties as Record<string, Json>;
    for (const [key, field] of Object.entries(properties)) {
      const at = [...path, key];
      const dotted = at.join('.');
      if (options.omit?.includes(dotted)) continue;
      const nested = objectSchema(field);
      if (nested) {
        walk(nested, at);
        continue;
      }
      const numeric = isNumeric(field);
      columns.push({
        header: options.headers?.[dotted] ?? headerOf(at),
        value: (row) => {
          let v: unknown = row;
          for (const part of at) v = v === null || v === undefined ? v : (v as Json)[part];
          return cellOf(v, numeric);
        },
      });
    }
  };
  const root = objectSchema(item as unknown as Json);
  if (!root) throw new Error('columnsOf: the item schema is not an object');
  walk(root, []);
  return columns;
}

export interface ListExport<Q extends TObject, I extends TSchema> {
  /** The list's path, e.g. "/tickets": the exports are at /tickets/export.csv and .xlsx. */
  path: string;
  /** The file and sheet name, e.g. "tickets". */
  name: string;
  tags: string[];
  /** What the list holds, completing "Export … as CSV". */
  what: string;
  /** The list's query schema; its limit and cursor, if any, are the export's own business. */
  querystring: Q;
  /** The list's item schema: its fields are the columns. */
  item: I;
  /** Fields left out by dotted path, besides the version (always left out). */
  omit?: readonly string[];
  /** Header overrides by dotted path. */
  headers?: Readonly<Record<string, string>>;
  /**
   * The list itself, as the list route calls it: a keyset page (given limit and cursor in the
   * query) or, for a list that is not paged, every item.
   */
  list: (actor: Actor, query: Static<Q>) => Promise<Page<Static<I>> | Static<I>[]>;
}

/** Registers GET <path>/export.csv and <path>/export.xlsx for a list. */
export function listExport<Q extends TObject, I extends TSchema>(
  app: App,
  spec: ListExport<Q, I>,
): void {
  // The version is the record's concurrency token (If-Match), not something a reader uses.
  const omit = ['version', ...(spec.omit ?? [])];
  const columns = columnsOf(spec.item, { omit, headers: spec.headers });
  const header = columns.map((c) => c.header);
  const paged = 'cursor' in spec.querystring.properties;
  const querystring = Type.Omit(spec.querystring, ['limit', 'cursor']);
  const rowsOf = (items: readonly unknown[]): Row[] =>
    items.map((item) => columns.map((c) => c.value(item)));

  for (const format of EXPORT_FORMATS) {
    app.get(
      `${spec.path}/export.${format}`,
      {
        schema: {
          tags: spec.tags,
          summary: `Export ${spec.what} as ${format.toUpperCase()}: the filters of GET ${spec.path}, every row, streamed`,
          querystring,
          produces: [CONTENT_TYPES[format].split(';')[0] as string],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const filters = req.query as Record<string, unknown>;
        const fetch = (cursor?: string) =>
          spec.list(
            actor,
            (paged ? { ...filters, limit: MAX_PAGE_SIZE, cursor } : filters) as Static<Q>,
          );
        // The first page before any byte: a refusal or a bad filter is still a problem answer.
        const first = await fetch();
        async function* pages(): AsyncGenerator<Row[]> {
          if (Array.isArray(first)) {
            yield rowsOf(first);
            return;
          }
          let page: Page<unknown> = first;
          yield rowsOf(page.items);
          while (page.nextCursor) {
            page = (await fetch(page.nextCursor)) as Page<unknown>;
            yield rowsOf(page.items);
          }
        }
        const day = new Date().toISOString().slice(0, 10);
        return sendExport(
          reply,
          tableFile(format, `${spec.name}-${day}`, spec.name, header, pages()),
        );
      },
    );
  }
}
