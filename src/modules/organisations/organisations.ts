import { invalid } from '../../shared/errors.js';

export const ORGANISATION_KINDS = ['company', 'department', 'store'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The requester's company, department or store (a boutique, for the retailer). */
export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  parentId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export function checkKind(kind: string): OrganisationKind {
  if (!(ORGANISATION_KINDS as readonly string[]).includes(kind)) {
    throw invalid('/kind', `must be one of ${ORGANISATION_KINDS.join(', ')}`);
  }
  return kind as OrganisationKind;
}
