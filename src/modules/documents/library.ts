// What documents need from the requirement library: its leaf requirement numbers (a document
// serves some of them) and its mandatory documented-information checklist. Read from the library
// data file itself, so the documents module does not depend on the compliance module's tables.
import library from '../compliance/library/iso20000-1-2018.json' with { type: 'json' };

interface LibraryNode {
  number: string;
  title: string;
  leaf: boolean;
  documentedInformation?: { key?: string; name: string; mandatory: boolean }[];
}

export interface ChecklistItemDefinition {
  key: string;
  name: string;
  /** The requirement that calls for it. */
  requirement: string;
  requirementTitle: string;
}

const nodes = (library as { nodes: LibraryNode[] }).nodes;

export const LIBRARY_EDITION = `${(library as { framework: string }).framework}:${(library as { edition: string }).edition}`;

export const LEAF_REQUIREMENTS: ReadonlySet<string> = new Set(
  nodes.filter((n) => n.leaf).map((n) => n.number),
);

export const REQUIREMENT_TITLES: ReadonlyMap<string, string> = new Map(
  nodes.map((n) => [n.number, n.title]),
);

/** The mandatory set, in the library's clause order. */
export const CHECKLIST: readonly ChecklistItemDefinition[] = nodes.flatMap((n) =>
  (n.documentedInformation ?? [])
    .filter((d): d is { key: string; name: string; mandatory: boolean } => Boolean(d.key))
    .map((d) => ({ key: d.key, name: d.name, requirement: n.number, requirementTitle: n.title })),
);

export const CHECKLIST_KEYS: ReadonlySet<string> = new Set(CHECKLIST.map((c) => c.key));
