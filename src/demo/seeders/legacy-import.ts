// The retailer's history from before Meridian (issue 9): its previous help desk's CSV export of
// a good year of incidents, imported the way an administrator would, so /admin/imports has runs
// with their reports and the oldest tickets show where they came from.
//
// The export is built here (deterministic: a seeded PRNG) and goes through the real CSV import
// path, the function the CLI and the web screen call, as the demo administrator:
//   1. a dry run of the first export, which has two bad rows (an impossible date and a status the
//      mapping does not translate): the history shows the row errors and that nothing was written;
//   2. a dry run of the corrected export: clean;
//   3. the import itself.
// The incidents end before the generated history starts (180 days ago, see tickets.ts) and are
// all resolved or closed before the KPI baseline period, so baselines and dashboards are as
// before; the legacy year only adds to the history that came before them.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mappingForFile, scanFile } from '../../modules/imports/csv/csv-import.js';
import type { Services } from '../../server/services.js';
import type { Actor } from '../../shared/actor.js';
import type { DemoOptions, DemoWorkspace } from '../demo.js';
import { random } from '../random.js';
import {
  LEGACY_COLUMNS,
  LEGACY_INCIDENTS,
  LEGACY_MAPPING,
  LEGACY_REPORTERS,
  LEGACY_SITES,
  LEGACY_TECHNICIANS,
} from './legacy-import-texts.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The generated history's length (tickets.ts): the legacy export ends before it starts. */
const HISTORY_DAYS = 180;
const LEGACY_INCIDENT_COUNT = 160;
/** The old tool's first ticket number in the export (older ones were purged before the move). */
const FIRST_NUMBER = 18_240;
const LEGACY_ZONE = 'Europe/Paris';

type LegacyPriority = 'Critique' | 'Haute' | 'Moyenne' | 'Basse';
/** Typical times in the old tool, by its priority: to take a ticket in charge, to resolve it. */
const TAKE_MINUTES: Record<LegacyPriority, number> = {
  Critique: 10,
  Haute: 30,
  Moyenne: 90,
  Basse: 240,
};
const RESOLVE_HOURS: Record<LegacyPriority, number> = {
  Critique: 3,
  Haute: 9,
  Moyenne: 26,
  Basse: 50,
};
/** The old tool's SLA: resolution within these hours counted as met. */
const SLA_HOURS: Record<LegacyPriority, number> = {
  Critique: 4,
  Haute: 12,
  Moyenne: 40,
  Basse: 96,
};

const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: LEGACY_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function paris(ms: number) {
  const p = Object.fromEntries(parisParts.formatToParts(ms).map((x) => [x.type, x.value]));
  return { day: p.day, month: p.month, year: p.year, hour: Number(p.hour), minute: p.minute };
}

/** The old tool's date format: dd/MM/yyyy HH:mm, Paris wall-clock time. */
function legacyDate(ms: number): string {
  const p = paris(ms);
  return `${p.day}/${p.month}/${p.year} ${String(p.hour).padStart(2, '0')}:${p.minute}`;
}

const inHours = (ms: number) => {
  const { hour } = paris(ms);
  return hour >= 8 && hour < 20;
};

/**
 * Opening hours (08:00–20:00 in Paris) for the export's times: besides realism, this keeps every
 * time clear of the night hour that summer time makes ambiguous.
 */
function hoursOf(rnd: ReturnType<typeof random>) {
  return {
    /** A random instant in opening hours between `from` and `from + span`. */
    within(from: number, span: number): number {
      for (;;) {
        const t = Math.floor((from + rnd.next() * span) / MINUTE) * MINUTE;
        if (inHours(t)) return t;
      }
    },
    /** Work done out of hours waits for the next morning, then takes a moment. */
    after(ms: number): number {
      let t = Math.floor(ms / MINUTE) * MINUTE;
      if (inHours(t)) return t;
      while (!inHours(t)) t += 30 * MINUTE;
      return t + Math.floor(rnd.next() * 90) * MINUTE;
    },
  };
}

type Row = Record<(typeof LEGACY_COLUMNS)[number], string>;

/** The export's rows, oldest first, from `from` to `to` (epoch ms). */
function legacyRows(from: number, to: number): Row[] {
  const rnd = random(20250301);
  const hours = hoursOf(rnd);
  const opened = Array.from({ length: LEGACY_INCIDENT_COUNT }, () =>
    hours.within(from, to - from),
  ).sort((a, b) => a - b);
  let number = FIRST_NUMBER;
  return opened.map((openedAt, i) => {
    const text = rnd.pick(LEGACY_INCIDENTS);
    const priority =
      rnd.next() < 0.7 ? (text.priorities[0] as LegacyPriority) : rnd.pick(text.priorities);
    const site = text.site ?? rnd.pick(LEGACY_SITES.filter((s) => s !== 'Siège'));
    const toTake = Math.min(2 * 24 * 60, Math.max(2, rnd.exp(TAKE_MINUTES[priority])));
    const takenAt = hours.after(openedAt + toTake * MINUTE);
    const toResolve = Math.min(5 * 24, rnd.exp(RESOLVE_HOURS[priority]));
    const resolvedAt = hours.after(takenAt + Math.max(0.25, toResolve) * HOUR);
    // The last few were resolved but not yet closed when the old tool was switched off.
    const stillResolved = i >= LEGACY_INCIDENT_COUNT - 4;
    const closedAt = hours.within(resolvedAt + 2 * DAY, 2 * DAY);
    const roll = rnd.next();
    const code =
      roll < 0.84
        ? 'Résolu'
        : roll < 0.91
          ? 'Contournement'
          : roll < 0.95
            ? 'Non reproduit'
            : roll < 0.98
              ? 'Doublon'
              : 'Annulé';
    // Gaps in the numbering: the old tool also numbered requests, which stay behind.
    number += 1 + Math.floor(rnd.exp(1.5));
    return {
      'N° ticket': `HD-${number}`,
      Objet: text.subject,
      Description: text.description,
      Statut: stillResolved ? 'Résolu' : code === 'Annulé' ? 'Annulé' : 'Clôturé',
      Priorité: priority,
      Catégorie: text.category,
      Application: text.application,
      Site: site,
      Demandeur: rnd.pick(LEGACY_REPORTERS[site]),
      Équipe: text.team,
      Technicien: rnd.pick(LEGACY_TECHNICIANS[text.team]),
      'Ouvert le': legacyDate(openedAt),
      'Pris en charge le': legacyDate(takenAt),
      'Résolu le': legacyDate(resolvedAt),
      'Clôturé le': stillResolved ? '' : legacyDate(closedAt),
      'Code de clôture': code,
      'SLA respecté': resolvedAt - openedAt <= SLA_HOURS[priority] * HOUR ? 'Oui' : 'Non',
    };
  });
}

/** As the old tool wrote it: UTF-8 with a byte order mark, ";" between values (French Excel). */
function toCsv(rows: Row[]): string {
  const cell = (v: string) => (/[;"\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [
    LEGACY_COLUMNS.join(';'),
    ...rows.map((r) => LEGACY_COLUMNS.map((c) => cell(r[c])).join(';')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * The first export an administrator would get: a ticket still "En attente" (on hold: the mapping
 * translates no such status) and a date the old tool let someone type by hand.
 */
function withMistakes(rows: Row[]): Row[] {
  return rows.map((r, i) => {
    if (i === 37) return { ...r, Statut: 'En attente', 'Clôturé le': '' };
    if (i === 102) {
      const year = r['Résolu le'].slice(6, 10);
      return { ...r, 'Résolu le': `31/06/${year} 10:15` };
    }
    return r;
  });
}

export async function seedLegacyImport(
  services: Services,
  workspace: DemoWorkspace,
  options: DemoOptions,
) {
  // A demo without generated history (tickets: 0, e.g. `demo generate --with-workspace`) gets no
  // legacy history either.
  if (options.tickets === 0) return;
  const u = workspace.users.admin;
  if (!u) throw new Error('demo user admin is missing');
  const admin: Actor = { id: u.id, name: u.name, role: u.role as Actor['role'] };

  const historyStart = services.clock.now().getTime() - HISTORY_DAYS * DAY;
  // About fourteen months, ending a fortnight before the generated history (and so before the
  // KPI baseline period): the slowest ticket is closed well before either starts.
  const rows = legacyRows(historyStart - 425 * DAY, historyStart - 14 * DAY);
  const exportDay = legacyDate(historyStart - 10 * DAY)
    .slice(0, 10)
    .split('/')
    .reverse()
    .join('-');

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meridian-legacy-'));
  try {
    const run = async (fileName: string, content: Row[], dryRun: boolean) => {
      const file = path.join(dir, fileName);
      await fs.writeFile(file, toCsv(content));
      // As `meridian import csv` does: check the mapping against the header, count the rows,
      // then the import (the web screen runs the same function after its upload).
      const mapping = await mappingForFile(file, 'incidents', LEGACY_MAPPING);
      const { rowCount } = await scanFile(file, 0);
      return services.imports.runNow(services, {
        file,
        fileName,
        type: 'incidents',
        mapping,
        dryRun,
        actor: admin,
        totalRows: rowCount,
      });
    };
    const first = await run(`helpdesk-export-${exportDay}.csv`, withMistakes(rows), true);
    if (first.status !== 'failed' || first.errors.length !== 2)
      throw new Error(
        `the legacy export's first dry run should find 2 bad rows: ${JSON.stringify(first.errors)}`,
      );
    const corrected = `helpdesk-export-${exportDay}-corrected.csv`;
    const dry = await run(corrected, rows, true);
    const real = await run(corrected, rows, false);
    for (const report of [dry, real])
      if (report.status !== 'succeeded')
        throw new Error(
          `the legacy import failed: ${report.message} ${JSON.stringify(report.errors)}`,
        );
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
