// The evidence sources the library cites (src/modules/compliance/library/evidence-sources.ts).
// Their names are texts under `compliance.sources`, keyed with `_` for the dots of the id.

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

export const isEvidenceSource = (value: string): value is EvidenceSource =>
  (EVIDENCE_SOURCES as readonly string[]).includes(value);

export type SourceKey = {
  [S in EvidenceSource]: S extends `${infer A}.${infer B}` ? `${A}_${B}` : S;
}[EvidenceSource];

export const sourceKey = (source: EvidenceSource) => source.replace('.', '_') as SourceKey;
