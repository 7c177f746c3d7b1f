// Human record numbers (INC0001042, CMP0000007): one counter row per series, advanced inside the
// creating transaction so a rolled-back create gives its number back and two nodes never share one.
import type { Executor } from './executor.js';

/** Takes the next value of `series` (starting at 1) in the caller's transaction. */
export function nextInSeries(trx: Executor, series: string): Promise<number> {
  return reserveInSeries(trx, series, 1);
}

/** Takes `count` consecutive values of `series` at once; returns the first. */
export async function reserveInSeries(
  trx: Executor,
  series: string,
  count: number,
): Promise<number> {
  const taken = await trx
    .updateTable('number_series')
    .set((eb) => ({ next_value: eb('next_value', '+', count) }))
    .where('prefix', '=', series)
    .returning('next_value')
    .executeTakeFirst();
  if (taken) return Number(taken.next_value) - count;
  // First use of the series. A concurrent first use makes one insert fail on the key; retrying the
  // update then succeeds.
  const inserted = await trx
    .insertInto('number_series')
    .values({ prefix: series, next_value: 1 + count })
    .onConflict((oc) => oc.column('prefix').doNothing())
    .returning('prefix')
    .executeTakeFirst();
  if (inserted) return 1;
  return reserveInSeries(trx, series, count);
}

/** "INC" + 42 → "INC0000042": seven digits, more when the series outgrows them. */
export const formatNumber = (prefix: string, value: number): string =>
  `${prefix}${String(value).padStart(7, '0')}`;
