// Rules of the Service Management Strategy Framework deck (issue 8, clause 9.4) without framework
// or SQL: the period it reports (default: the last full calendar quarter), the language it is
// written in, its file name, and the shape of its content.
import type { Direction, Period, Status, Target, Unit } from '../../kpis/kpis.js';
import { checkPeriod, dayString } from '../../kpis/kpis.js';

export const DECK_LANGUAGES = ['en', 'fr'] as const;
export type DeckLanguage = (typeof DECK_LANGUAGES)[number];

/** The quarter before the one holding `now` (UTC): the last quarter whose figures are complete. */
export function lastFullQuarter(now: Date): Period {
  const year = now.getUTCFullYear();
  const quarterStart = now.getUTCMonth() - (now.getUTCMonth() % 3);
  const from = Date.UTC(year, quarterStart - 3, 1) / 86_400_000;
  const to = Date.UTC(year, quarterStart, 0) / 86_400_000;
  return { from: dayString(from), to: dayString(to) };
}

/** The period asked for; both ends or neither (then the last full quarter). 400 naming the field. */
export function deckPeriod(query: { from?: string; to?: string }, now: Date): Period {
  if (query.from === undefined && query.to === undefined) return lastFullQuarter(now);
  return checkPeriod(query);
}

/**
 * The deck's language: an explicit `lang` (the web app passes its interface language, since a
 * download link cannot set headers), else the first of Accept-Language that we write, else the
 * user's own locale, else English.
 */
export function deckLanguage(
  lang: string | undefined,
  acceptLanguage: string[],
  userLocale: string | undefined,
): DeckLanguage {
  const offered = (value: string | undefined): value is DeckLanguage =>
    value !== undefined && (DECK_LANGUAGES as readonly string[]).includes(value);
  if (offered(lang)) return lang;
  const accepted = acceptLanguage.find(offered);
  if (accepted) return accepted;
  return offered(userLocale) ? userLocale : 'en';
}

/** "service-management-strategy-framework-2026-01-01-2026-03-31.pptx": only [a-z0-9-.]. */
export function deckFileName(period: Period): string {
  return `service-management-strategy-framework-${period.from}-${period.to}.pptx`;
}

export interface DeckService {
  name: string;
  status: string;
  ownerName: string | null;
}

export interface DeckObjective {
  kpiName: string;
  objectives: string;
  requirements: string[];
  target: Target;
  direction: Direction;
  unit: Unit;
}

export interface DeckProcess {
  clause: string;
  title: string;
  /** Which Meridian records are counted (a key of the deck texts' `records`). */
  records: ProcessRecordKey;
  total: number;
  inPeriod: number;
}

export const PROCESS_RECORDS = [
  'services',
  'complaints',
  'slaPolicies',
  'changes',
  'releases',
  'incidents',
  'requests',
  'problems',
  'majorIncidents',
  'kpis',
  'audits',
  'reviews',
  'reportSubscriptions',
  'findings',
  'improvements',
] as const;
export type ProcessRecordKey = (typeof PROCESS_RECORDS)[number];

/** The SMS processes the deck shows, with the records that show each one running. */
export const PROCESS_MODEL: readonly { clause: string; records: ProcessRecordKey }[] = [
  { clause: '8.2.4', records: 'services' },
  { clause: '8.3.2', records: 'complaints' },
  { clause: '8.3.3', records: 'slaPolicies' },
  { clause: '8.5.1', records: 'changes' },
  { clause: '8.5.3', records: 'releases' },
  { clause: '8.6.1', records: 'incidents' },
  { clause: '8.6.2', records: 'requests' },
  { clause: '8.6.3', records: 'problems' },
  { clause: '8.7.1', records: 'majorIncidents' },
  { clause: '9.1', records: 'kpis' },
  { clause: '9.2', records: 'audits' },
  { clause: '9.3', records: 'reviews' },
  { clause: '9.4', records: 'reportSubscriptions' },
  { clause: '10.1', records: 'findings' },
  { clause: '10.2', records: 'improvements' },
];

export interface DeckRole {
  role: string;
  people: number;
}

export interface DeckGroup {
  name: string;
  managerName: string | null;
  members: number;
}

/** A person answerable for part of the system: documents, workstreams, KPIs they own. */
export interface DeckOwner {
  name: string;
  documents: string[];
  workstreams: string[];
  kpis: string[];
}

export interface DeckKpi {
  name: string;
  unit: Unit;
  value: number | null;
  targetValue: number | null;
  status: Status;
  count: number;
  /** Change against the baseline in percent (one decimal), and the baseline's label. */
  change: number | null;
  baselineLabel: string | null;
}

export type MilestoneSource = 'phase' | 'milestone' | 'improvement' | 'reviewAction';

export interface DeckMilestone {
  /** YYYY-MM-DD: the day it is due (a phase: its start). */
  date: string;
  /** The end of a phase. */
  until: string | null;
  source: MilestoneSource;
  reference: string;
  title: string;
  ownerName: string | null;
  /** The record's own status key (translated when shown), or "" for a phase. */
  status: string;
  done: boolean;
}

export interface StrategyDeckData {
  language: DeckLanguage;
  workspaceName: string | null;
  period: Period;
  generatedAt: Date;
  services: DeckService[];
  objectives: DeckObjective[];
  processes: DeckProcess[];
  roles: DeckRole[];
  groups: DeckGroup[];
  owners: DeckOwner[];
  kpis: DeckKpi[];
  milestones: DeckMilestone[];
  /** Milestones left out to keep the deck readable (the oldest completed first). */
  milestonesOmitted: number;
}

/** At most this many roadmap rows; beyond it the completed ones go first, then the latest. */
export const MAX_MILESTONES = 60;

/** Dated items in date order, trimmed to MAX_MILESTONES (completed ones dropped first). */
export function roadmapOf(items: DeckMilestone[]): { kept: DeckMilestone[]; omitted: number } {
  const ordered = [...items].sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      a.source.localeCompare(b.source) ||
      a.reference.localeCompare(b.reference),
  );
  if (ordered.length <= MAX_MILESTONES) return { kept: ordered, omitted: 0 };
  let excess = ordered.length - MAX_MILESTONES;
  const kept = ordered.filter((m) => {
    if (excess > 0 && m.done) {
      excess--;
      return false;
    }
    return true;
  });
  return {
    kept: kept.slice(0, MAX_MILESTONES),
    omitted: ordered.length - Math.min(kept.length, MAX_MILESTONES),
  };
}
