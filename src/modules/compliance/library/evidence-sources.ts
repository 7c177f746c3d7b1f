/**
 * Ids of the Meridian records and metrics that a requirement's guidance may cite as live evidence.
 * The library data files name sources only by these ids, so the evidence resolver of the
 * compliance module (and the library test) can reject a typo instead of showing a dead link.
 * Some ids name modules that are still planned; adding an id here is a data-compatible change,
 * removing or renaming one is not (library files would have to change in the same commit).
 */
export const EVIDENCE_SOURCES = [
  'tickets.incidents',
  'tickets.requests',
  'sla.attainment',
  'sla.policies',
  'catalogue.services',
  'surveys.results',
  'complaints',
  'problems',
  'problems.knownErrors',
  'changes',
  'changes.policy',
  'changes.calendar',
  'changes.trends',
  'releases',
  'audit.trail',
  'users.roles',
  'groups',
  'compliance.documents',
  'compliance.acknowledgements',
  'compliance.assessments',
  'compliance.roadmap',
  'audits.programme',
  'audits.findings',
  'managementReview',
  'improvements',
  'training.records',
  'kpis',
  'risks',
  'suppliers',
  'configurationItems',
  'capacity',
  'availability',
  'continuity',
  'informationSecurity',
  'budget',
] as const;

export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

const known: ReadonlySet<string> = new Set(EVIDENCE_SOURCES);

export function isEvidenceSource(value: string): value is EvidenceSource {
  return known.has(value);
}
