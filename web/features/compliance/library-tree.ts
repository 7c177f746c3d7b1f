import type { LibraryNode } from './api';

// The library as a tree, and the search that narrows it: a requirement matches on its number,
// title or any of its guidance; its parents stay visible so the match keeps its place.

export interface TreeNode {
  node: LibraryNode;
  children: TreeNode[];
}

export function buildTree(nodes: LibraryNode[]): TreeNode[] {
  const byNumber = new Map<string, TreeNode>();
  const roots: TreeNode[] = [];
  for (const node of [...nodes].sort((a, b) => a.position - b.position)) {
    const entry: TreeNode = { node, children: [] };
    byNumber.set(node.number, entry);
    const parent = node.parentNumber ? byNumber.get(node.parentNumber) : undefined;
    if (parent) parent.children.push(entry);
    else roots.push(entry);
  }
  return roots;
}

export interface LibraryFilter {
  q?: string;
  clause?: string;
  mandatory?: boolean;
}

function haystack(node: LibraryNode): string {
  return [
    node.number,
    node.title,
    node.intent ?? '',
    node.meridianGap ?? '',
    ...node.documentedInformation.map((item) => item.name),
    ...node.auditEvidence,
    ...node.meridianEvidence.map((item) => `${item.source} ${item.description}`),
  ]
    .join('\n')
    .toLowerCase();
}

export function leafMatches(node: LibraryNode, filter: LibraryFilter): boolean {
  if (!node.leaf) return false;
  if (filter.clause && node.clause !== filter.clause) return false;
  if (filter.mandatory && !node.documentedInformation.some((item) => item.mandatory)) return false;
  const q = filter.q?.trim().toLowerCase();
  if (!q) return true;
  if (/^\d+(\.\d+)*\.?$/.test(q)) {
    const prefix = q.replace(/\.$/, '');
    return node.number === prefix || node.number.startsWith(`${prefix}.`);
  }
  return q.split(/\s+/).every((word) => haystack(node).includes(word));
}

/** The tree with only the matching leaves and the headings above them. */
export function filterTree(tree: TreeNode[], filter: LibraryFilter): TreeNode[] {
  const keep = (entry: TreeNode): TreeNode | null => {
    if (entry.node.leaf) return leafMatches(entry.node, filter) ? entry : null;
    const children = entry.children.map(keep).filter((child): child is TreeNode => !!child);
    return children.length > 0 ? { node: entry.node, children } : null;
  };
  return tree.map(keep).filter((entry): entry is TreeNode => !!entry);
}

export function leavesOf(tree: TreeNode[]): LibraryNode[] {
  return tree.flatMap((entry) => (entry.node.leaf ? [entry.node] : leavesOf(entry.children)));
}
