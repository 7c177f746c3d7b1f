// `meridian sla due|elapsed`: JSON lines in, JSON lines out, in order; bad lines answered in place.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
let calendarFile: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-sla-cli-'));
  calendarFile = path.join(dir, 'paris.json');
  const week = Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [
      d,
      [
        ['09:00', '12:30'],
        ['13:30', '18:00'],
      ],
    ]),
  );
  fs.writeFileSync(
    calendarFile,
    JSON.stringify({
      timeZone: 'Europe/Paris',
      week: { ...week, sat: [], sun: [] },
      holidays: ['2026-05-01', '2026-12-25'],
      exceptions: [{ date: '2026-12-24', hours: [['09:00', '12:00']] }],
    }),
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function sla(command: 'due' | 'elapsed', input: string, calendar = calendarFile) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'sla', command, '--calendar', calendar],
    { input, encoding: 'utf8', timeout: 60_000 },
  );
  return {
    code: result.status,
    lines: result.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
    stderr: result.stderr,
  };
}

describe('meridian sla', () => {
  it('answers due questions in order, UTC with a Z, and answers a bad line with an error in its place', () => {
    const input = [
      '{"start": "2026-03-27T16:00:00Z", "minutes": 480}',
      'this is not json',
      '{"start": "2026-03-27T16:00:00", "minutes": 60}',
      '{"start": "2026-12-24T08:00:00Z", "minutes": -5}',
      '{"start": "2026-12-24T08:00:00+01:00", "minutes": 240}',
    ].join('\n');
    const { code, lines } = sla('due', `${input}\n`);
    expect(code).toBe(0);
    expect(lines).toEqual([
      { due: '2026-03-30T15:00:00Z' },
      { error: 'the line is not JSON' },
      { error: expect.stringContaining('"start" must be an ISO-8601 instant') },
      { error: expect.stringContaining('"minutes" must be a number') },
      { due: '2026-12-28T09:00:00Z' },
    ]);
  });

  it('answers elapsed questions, thousands in one process', () => {
    const questions = Array.from({ length: 5000 }, (_, i) =>
      JSON.stringify({
        from: '2026-06-01T00:00:00Z',
        to: new Date(Date.UTC(2026, 5, 1) + i * 3_600_000).toISOString(),
      }),
    );
    const { code, lines } = sla('elapsed', `${questions.join('\n')}\n`);
    expect(code).toBe(0);
    expect(lines).toHaveLength(5000);
    expect(lines[24]).toEqual({ minutes: 480 }); // Monday 1 June, a whole business day
    expect(lines[4999]?.minutes).toBeGreaterThan(lines[24]?.minutes);
  });

  it('exits 2 naming what is wrong with the calendar file', () => {
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(
      broken,
      JSON.stringify({ timeZone: 'Europe/Paris', week: { mon: [['18:00', '09:00']] } }),
    );
    const { code, stderr } = sla('due', '', broken);
    expect(code).toBe(2);
    expect(stderr).toContain('week.mon[0]: ends (09:00) before or when it starts (18:00)');
  });
});
