// Live evidence: a figure computed from the records of a Meridian module over a period, with how
// fresh its newest record is. One small function per evidence source id (library/evidence-sources.ts).
import { type Kysely, sql } from 'kysely';
import type { Executor } from '../../../db/executor.js';

export interface Period {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
}

/**
 * The numbers a figure is made of, so that a client can word it in its own language: the message
 * `key` with these parameters (counts, percentages, a version…) says the same as the English
 * `figure`. `count` is the number the wording agrees with (plural forms).
 */
export type FigureParams = Record<string, number | string>;

export interface EvidenceFigure {
  source: string;
  available: boolean;
  /** The figure in English (kept for API clients and the English deliverables). */
  figure: string;
  /** Message key of the figure (e.g. `incidents`); null when the source gives only English. */
  key: string | null;
  params: FigureParams;
  value: number | null;
  count: number;
  latestRecordAt: string | null;
  ageDays: number | null;
  period: Period;
  reason: string | null;
  /** Message key of the reason; null when available. */
  reasonKey: 'planned' | 'noRecords' | 'notInstalled' | null;
}

export interface EvidenceContext {
  db: Executor;
  period: Period;
  now: Date;
}

/** What a source function finds; `evidenceOf` adds the period, freshness and source id. */
export interface Finding {
  figure: string;
  /** Optional message key and parameters of the figure; without them clients show `figure`. */
  key?: string;
  params?: FigureParams;
  value: number | null;
  count: number;
  latestRecordAt: string | null;
}

export type SourceFunction = (ctx: EvidenceContext) => Promise<Finding>;

const DAY = 86_400_000;

/** The instants bounding a period of whole days: [from 00:00Z, day after `to` 00:00Z). */
export function bounds(period: Period): { start: string; end: string } {
  const end = new Date(`${period.to}T00:00:00.000Z`).getTime() + DAY;
  return { start: `${period.from}T00:00:00.000Z`, end: new Date(end).toISOString() };
}

export const ageInDays = (latest: string | null, now: Date) =>
  latest === null ? null : Math.max(0, Math.floor((now.getTime() - Date.parse(latest)) / DAY));

/** A percentage rounded to one decimal, as the figures show it. */
export const percent = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10;

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Timestamps come back as ISO strings (values.ts conventions); max() of none is null. */
export const latestOf = (value: unknown): string | null =>
  value === null || value === undefined
    ? null
    : value instanceof Date
      ? value.toISOString()
      : new Date(String(value)).toISOString();

// Read-only queries over other modules' tables go through an untyped handle: the table is named by
// the source function, and nothing is ever written through it.
// biome-ignore lint/suspicious/noExplicitAny: see above
export const readOnly = (db: Executor) => db as unknown as Kysely<any>;

/** Count and newest timestamp of the rows of `table` whose `column` lies in the period. */
export async function tally(
  ctx: EvidenceContext,
  table: string,
  column = 'created_at',
  // biome-ignore lint/suspicious/noExplicitAny: a Kysely where-callback over the untyped handle
  where?: (q: any) => any,
): Promise<{ count: number; latest: string | null }> {
  const { start, end } = bounds(ctx.period);
  let query = readOnly(ctx.db)
    .selectFrom(table)
    .select([
      sql<number>`count(*)`.as('count'),
      sql<string | null>`max(${sql.ref(column)})`.as('latest'),
    ])
    .where(column, '>=', start)
    .where(column, '<', end);
  if (where) query = where(query);
  const row = await query.executeTakeFirst();
  return { count: Number(row?.count ?? 0), latest: latestOf(row?.latest) };
}

/**
 * Count and newest update of the rows of a table that existed at the end of the period (a state,
 * such as the policies in force, rather than events within the period).
 */
export async function standing(
  ctx: EvidenceContext,
  table: string,
  // biome-ignore lint/suspicious/noExplicitAny: a Kysely where-callback over the untyped handle
  where?: (q: any) => any,
  column = 'updated_at',
  createdColumn: string | null = 'created_at',
): Promise<{ count: number; latest: string | null }> {
  let query = readOnly(ctx.db)
    .selectFrom(table)
    .select([
      sql<number>`count(*)`.as('count'),
      sql<string | null>`max(${sql.ref(column)})`.as('latest'),
    ]);
  if (createdColumn) query = query.where(createdColumn, '<', bounds(ctx.period).end);
  if (where) query = where(query);
  const row = await query.executeTakeFirst();
  return { count: Number(row?.count ?? 0), latest: latestOf(row?.latest) };
}
