// Due-date computations per second on the Paris calendar: Meridian's engine against
// moment-business-time on moment-timezone (the one npm business-hours library found correct
// across DST), in the same process and run. Targets: 8 business hours and 30 business days.
import { createRequire } from 'node:module';
import { BusinessCalendar, type CalendarSpec } from '../src/modules/sla/calendar.js';
import { describeMachine } from './lib/machine.js';
import type { Bench } from './lib/types.js';

const require = createRequire(import.meta.url);

const HOURS: [string, string][] = [
  ['09:00', '12:30'],
  ['13:30', '18:00'],
];
// The Paris calendar of the issue, without its 24 December half day: moment-business-time has no
// per-date exceptions, and both engines must answer the same questions.
const PARIS: CalendarSpec = {
  timeZone: 'Europe/Paris',
  week: { mon: HOURS, tue: HOURS, wed: HOURS, thu: HOURS, fri: HOURS, sat: [], sun: [] },
  holidays: [
    '2026-01-01',
    '2026-04-06',
    '2026-05-01',
    '2026-05-08',
    '2026-07-14',
    '2026-12-25',
    '2027-01-01',
  ],
};
const DAY_MINUTES = 480;
const CASES = [
  { name: '8 business hours', minutes: 480 },
  { name: '30 business days', minutes: 30 * DAY_MINUTES },
] as const;
const SECONDS = Number(process.env.MERIDIAN_BENCH_SLA_SECONDS ?? 3);

/** Starts spread over 2026 at every quarter hour of the day, so DST changes are crossed. */
function starts(count: number): number[] {
  const from = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, i) => from + ((i * 7919) % (365 * 96)) * 15 * 60_000);
}

/** Runs `step(i)` for about `seconds` after a warm-up; returns calls per second. */
function rate(step: (i: number) => unknown, seconds: number): number {
  for (let i = 0; i < 2000; i++) step(i);
  let calls = 0;
  const started = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let j = 0; j < 500; j++) step(calls++);
    elapsed = process.hrtime.bigint() - started;
  }
  return calls / (Number(elapsed) / 1e9);
}

function momentEngine() {
  const moment = require('moment-timezone');
  require('moment-business-time');
  const spec = ['09:00:00', '12:30:00', '13:30:00', '18:00:00'];
  moment.updateLocale('en', {
    workinghours: { 0: null, 1: spec, 2: spec, 3: spec, 4: spec, 5: spec, 6: null },
    holidays: PARIS.holidays,
  });
  return (start: number, minutes: number): number =>
    moment.tz(start, PARIS.timeZone).addWorkingTime(minutes, 'minutes').valueOf();
}

const format = (n: number) => Math.round(n).toLocaleString('en-GB');

export const run: Bench = async ({ machine, log }) => {
  const meridian = new BusinessCalendar(PARIS);
  const baseline = momentEngine();
  const sample = starts(10_000);

  // Both must give the same answers, or the comparison means nothing.
  let disagreements = 0;
  for (const c of CASES) {
    for (const start of sample.slice(0, 500)) {
      if (meridian.due(start, c.minutes) !== baseline(start, c.minutes)) disagreements++;
    }
  }

  const rows: { name: string; meridian: number; moment: number }[] = [];
  for (const c of CASES) {
    const m = rate((i) => meridian.due(sample[i % sample.length] as number, c.minutes), SECONDS);
    const b = rate((i) => baseline(sample[i % sample.length] as number, c.minutes), SECONDS);
    log(`  ${c.name}: Meridian ${format(m)}/s, moment-business-time ${format(b)}/s`);
    rows.push({ name: c.name, meridian: m, moment: b });
  }
  const [eight, thirty] = rows as [(typeof rows)[0], (typeof rows)[0]];
  const costRatio = eight.meridian / thirty.meridian;
  const goalRate = eight.meridian >= 500_000;
  const goalRatio = costRatio < 10;

  const markdown = [
    '## SLA engine: due-date computations per second',
    '',
    `Measured ${machine.date} on ${describeMachine(machine)}, one core (a single Node.js thread), with \`npm run bench -- sla\`.`,
    '',
    `- 8 business hours: **${format(eight.meridian)}** per second (goal: at least 500,000): **${goalRate ? 'met' : 'not met'}**.`,
    `- A 30-business-day target costs **${costRatio.toFixed(1)}×** an 8-hour one (goal: less than 10×): **${goalRatio ? 'met' : 'not met'}**.`,
    `- Both engines gave the same due time on ${1000 - disagreements} of 1,000 sampled questions${disagreements ? ` (**${disagreements} disagreements**)` : ''}.`,
    '',
    '| Target | Meridian (per s) | moment-business-time (per s) | Meridian ÷ baseline |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${format(r.meridian)} | ${format(r.moment)} | ${(r.meridian / r.moment).toFixed(0)}× |`,
    ),
    '',
    '### How these were measured',
    '',
    `- The calendar: Europe/Paris, Monday to Friday 09:00–12:30 and 13:30–18:00, the 2026 French holidays that fall on weekdays; business days of ${DAY_MINUTES} minutes.`,
    '- Questions: `due(start, minutes)` for 10,000 starts spread over 2026 at quarter hours (nights, weekends, holidays and both DST changes included), cycled.',
    `- Each engine and target runs for ${SECONDS} s after a warm-up of 2,000 questions, in the same process; the baseline is moment-business-time ${require('moment-business-time/package.json').version} on moment-timezone ${require('moment-timezone/package.json').version} (\`moment.tz(start, zone).addWorkingTime(minutes, "minutes")\`).`,
    '- Meridian compiles each local date of the calendar into UTC intervals once and caches them, so the cost of a question grows with the days it spans, never with its minutes.',
  ].join('\n');

  return {
    markdown,
    figures: {
      due8hPerSecond: Math.round(eight.meridian),
      due30dPerSecond: Math.round(thirty.meridian),
      baseline8hPerSecond: Math.round(eight.moment),
      baseline30dPerSecond: Math.round(thirty.moment),
      costRatio30dVs8h: Number(costRatio.toFixed(2)),
      disagreements,
      goalRate,
      goalRatio,
    },
  };
};
