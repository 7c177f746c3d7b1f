// The leaf requirements an audit may sample: read from the requirement library's data file, the
// same way the documents module does, so audits do not depend on the compliance tables.
import library from '../compliance/library/iso20000-1-2018.json' with { type: 'json' };

interface LibraryNode {
  number: string;
  title: string;
  leaf: boolean;
}

const nodes = (library as { nodes: LibraryNode[] }).nodes;

/** Leaf requirements in the library's clause order. */
export const LEAF_REQUIREMENTS: readonly { number: string; title: string }[] = nodes
  .filter((n) => n.leaf)
  .map((n) => ({ number: n.number, title: n.title }));

export const LEAF_NUMBERS: ReadonlySet<string> = new Set(LEAF_REQUIREMENTS.map((r) => r.number));

export const REQUIREMENT_TITLES: ReadonlyMap<string, string> = new Map(
  nodes.map((n) => [n.number, n.title]),
);
