// The live evidence resolver: every evidence source id of the library, with the function that
// computes its figure, or the reason no Meridian records exist for it yet.
import type { Executor } from '../../../db/executor.js';
import { EVIDENCE_SOURCES, type EvidenceSource } from '../library/evidence-sources.js';
import * as audits from './audits.js';
import * as desk from './desk.js';
import { ageInDays, type EvidenceFigure, type Period, type SourceFunction } from './evidence.js';
import * as improvement from './improvement.js';
import * as changeAndRelease from './issue5.js';
import * as organisation from './organisation.js';
import * as training from './training.js';
import * as workspace from './workspace.js';

export type { EvidenceFigure, Period } from './evidence.js';

const SOURCES: Partial<Record<EvidenceSource, SourceFunction>> = {
  'tickets.incidents': desk.incidents,
  'tickets.requests': desk.requests,
  'sla.attainment': desk.slaAttainment,
  'sla.policies': desk.slaPolicies,
  'catalogue.services': desk.services,
  'surveys.results': desk.surveys,
  complaints: desk.complaints,
  'audit.trail': organisation.auditTrail,
  'users.roles': organisation.usersRoles,
  groups: organisation.groups,
  problems: changeAndRelease.problems,
  'problems.knownErrors': changeAndRelease.knownErrors,
  changes: changeAndRelease.changes,
  'changes.policy': changeAndRelease.changePolicy,
  'changes.calendar': changeAndRelease.changeCalendar,
  'changes.trends': changeAndRelease.changeTrends,
  releases: changeAndRelease.releases,
  'compliance.documents': workspace.documents,
  'compliance.acknowledgements': workspace.acknowledgements,
  'compliance.assessments': workspace.assessments,
  'compliance.roadmap': workspace.roadmap,
  'audits.programme': audits.programme,
  'audits.findings': audits.findings,
  managementReview: improvement.managementReviews,
  improvements: improvement.improvements,
  'training.records': training.records,
};

/** Planned modules: the evidence must be shown from outside Meridian until they exist. */
const PLANNED: Partial<Record<EvidenceSource, string>> = {
  kpis: 'KPIs',
  risks: 'the risk register',
  suppliers: 'suppliers and their contracts',
  configurationItems: 'configuration items',
  capacity: 'capacity plans',
  availability: 'availability measurements',
  continuity: 'continuity plans and tests',
  informationSecurity: 'information security controls',
  budget: 'budgeting and accounting',
};

export const isLive = (source: string) => source in SOURCES;

/** The figure of one source over a period; never throws for a known id. */
export async function evidenceOf(
  db: Executor,
  source: string,
  period: Period,
  now: Date,
): Promise<EvidenceFigure> {
  const compute = SOURCES[source as EvidenceSource];
  const empty = {
    source,
    period,
    value: null,
    count: 0,
    latestRecordAt: null,
    ageDays: null,
    params: {},
  };
  if (!compute) {
    const what = PLANNED[source as EvidenceSource] ?? source;
    return {
      ...empty,
      available: false,
      figure: 'No live evidence in Meridian yet',
      key: 'none',
      reason: `Meridian does not record ${what} yet; show this evidence from outside Meridian.`,
      reasonKey: 'planned',
    };
  }
  try {
    const found = await compute({ db, period, now });
    return {
      source,
      period,
      available: found.count > 0,
      figure: found.figure,
      key: found.key ?? null,
      params: found.params ?? {},
      value: found.value,
      count: found.count,
      latestRecordAt: found.latestRecordAt,
      ageDays: ageInDays(found.latestRecordAt, now),
      reason: found.count > 0 ? null : 'No records in the period.',
      reasonKey: found.count > 0 ? null : 'noRecords',
    };
  } catch (error) {
    // A module still being built may not have its tables yet; say so instead of failing the page.
    if (/no such table|does not exist/i.test(String(error)))
      return {
        ...empty,
        available: false,
        figure: 'Not available',
        key: 'notAvailable',
        reason: 'That module is not installed yet.',
        reasonKey: 'notInstalled',
      };
    throw error;
  }
}

export async function allEvidence(db: Executor, period: Period, now: Date) {
  const figures: EvidenceFigure[] = [];
  for (const source of EVIDENCE_SOURCES) figures.push(await evidenceOf(db, source, period, now));
  return figures;
}
