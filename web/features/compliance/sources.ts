// The evidence sources the library cites, and the keys of their names.
// Their names are texts under `compliance.sources`, keyed with `_` for the dots of the id.

import {
  EVIDENCE_SOURCES,
  type EvidenceSource,
  isEvidenceSource,
} from '../../../src/modules/compliance/library/evidence-sources';

// One list for the server and the screens: the library's data file is checked against it there.
export { EVIDENCE_SOURCES, type EvidenceSource, isEvidenceSource };

export type SourceKey = {
  [S in EvidenceSource]: S extends `${infer A}.${infer B}` ? `${A}_${B}` : S;
}[EvidenceSource];

export const sourceKey = (source: EvidenceSource) => source.replace('.', '_') as SourceKey;
