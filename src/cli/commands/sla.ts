import fs from 'node:fs';
import readline from 'node:readline';
import type { Command } from 'commander';
import { BusinessCalendar, CalendarError } from '../../modules/sla/calendar.js';
import { type Answer, answerDue, answerElapsed } from '../../modules/sla/questions.js';
import { fail } from '../context.js';

function loadCalendar(file: string): BusinessCalendar {
  let spec: unknown;
  try {
    spec = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`Cannot read the calendar ${file}: ${(error as Error).message}`, 2);
  }
  try {
    return new BusinessCalendar(spec as ConstructorParameters<typeof BusinessCalendar>[0]);
  } catch (error) {
    if (error instanceof CalendarError)
      fail(`The calendar ${file} is not valid: ${error.message}`, 2);
    throw error;
  }
}

/** One JSON question per input line, one JSON answer per output line, in order. */
async function stream(answer: (question: unknown) => Answer) {
  const lines = readline.createInterface({
    input: process.stdin,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let buffer = '';
  for await (const line of lines) {
    if (!line.trim()) continue;
    let question: unknown;
    try {
      question = JSON.parse(line);
    } catch {
      buffer += `${JSON.stringify({ error: 'the line is not JSON' })}\n`;
      continue;
    }
    buffer += `${JSON.stringify(answer(question))}\n`;
    if (buffer.length > 64 * 1024) {
      if (!process.stdout.write(buffer)) await new Promise((r) => process.stdout.once('drain', r));
      buffer = '';
    }
  }
  process.stdout.write(buffer);
}

export function registerSlaCommands(program: Command) {
  const sla = program.command('sla').description('business calendars and SLA clocks');
  sla
    .command('due')
    .description('read {"start": ISO, "minutes": N} lines on stdin; write {"due": ISO} lines')
    .requiredOption('--calendar <file>', 'calendar JSON (timeZone, week, holidays, exceptions)')
    .action(async (opts) => {
      const calendar = loadCalendar(opts.calendar);
      await stream((q) => answerDue(calendar, q));
    });
  sla
    .command('elapsed')
    .description('read {"from": ISO, "to": ISO} lines on stdin; write {"minutes": N} lines')
    .requiredOption('--calendar <file>', 'calendar JSON (timeZone, week, holidays, exceptions)')
    .action(async (opts) => {
      const calendar = loadCalendar(opts.calendar);
      await stream((q) => answerElapsed(calendar, q));
    });
}
