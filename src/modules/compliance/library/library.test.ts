import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_SOURCES, isEvidenceSource } from './evidence-sources.js';

// The shape of a library data file, as documented in README.md beside it.
interface DocumentedInformation {
  key?: string;
  name: string;
  mandatory: boolean;
}

interface LibraryNode {
  number: string;
  title: string;
  parent: string | null;
  leaf: boolean;
  intent?: string;
  documentedInformation?: DocumentedInformation[];
  auditEvidence?: string[];
  meridianEvidence?: { source: string; description: string }[];
  meridianGap?: string;
}

interface Library {
  framework: string;
  edition: string;
  dataVersion: number;
  title: string;
  language: string;
  nodes: LibraryNode[];
}

const here = (file: string) => new URL(file, import.meta.url);
const library = JSON.parse(readFileSync(here('./iso20000-1-2018.json'), 'utf8')) as Library;

// The TSV beside this test is a byte-for-byte copy of the clause list (numbers and titles only).
const clauses = readFileSync(here('./iso20000-1-2018-clauses.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [number = '', title = '', parent = '', leaf = ''] = line.split('\t');
    return { number, title, parent: parent === '' ? null : parent, leaf: leaf === 'yes' };
  });

const byNumber = new Map(library.nodes.map((node) => [node.number, node]));
const leaves = library.nodes.filter((node) => node.leaf);

// The documents issue 6 names as the mandatory checklist, by the key the library tags them with.
const MANDATORY_CHECKLIST = [
  'scope',
  'sms-policy',
  'sms-objectives',
  'sms-plan',
  'change-management-policy',
  'information-security-policy',
  'continuity-plans',
  'service-catalogue',
  'slas',
  'supplier-contracts',
  'process-documents',
];

const GUIDANCE_FIELDS = [
  'intent',
  'documentedInformation',
  'auditEvidence',
  'meridianEvidence',
  'meridianGap',
] as const;

describe('ISO/IEC 20000-1:2018 requirement library', () => {
  it('identifies its framework, edition and data version', () => {
    expect(library.framework).toBe('iso20000-1');
    expect(library.edition).toBe('2018');
    expect(library.dataVersion).toBe(1);
  });

  it('holds every clause of the clause list with the same title, parent and leaf flag', () => {
    expect(clauses).toHaveLength(77);
    for (const clause of clauses) {
      const node = byNumber.get(clause.number);
      expect(node, `clause ${clause.number}`).toBeDefined();
      expect(
        { title: node?.title, parent: node?.parent, leaf: node?.leaf },
        `clause ${clause.number}`,
      ).toEqual({ title: clause.title, parent: clause.parent, leaf: clause.leaf });
    }
  });

  it('holds nothing but the clause list, each number once, parents before children', () => {
    expect(library.nodes.map((node) => node.number)).toEqual(clauses.map((c) => c.number));
    const seen = new Set<string>();
    for (const node of library.nodes) {
      if (node.parent !== null) expect(seen.has(node.parent), node.number).toBe(true);
      seen.add(node.number);
    }
  });

  it('has exactly 57 leaf requirements, all in clauses 4 to 10', () => {
    expect(leaves).toHaveLength(57);
    for (const leaf of leaves) {
      const clause = Number(leaf.number.split('.')[0]);
      expect(clause, leaf.number).toBeGreaterThanOrEqual(4);
      expect(clause, leaf.number).toBeLessThanOrEqual(10);
    }
  });

  it('gives guidance only on leaves', () => {
    for (const node of library.nodes.filter((n) => !n.leaf)) {
      for (const field of GUIDANCE_FIELDS)
        expect(node[field], `${node.number}.${field}`).toBe(undefined);
    }
  });

  it('gives every leaf an intent, audit evidence and its documented information', () => {
    for (const leaf of leaves) {
      expect(leaf.intent?.trim().length ?? 0, leaf.number).toBeGreaterThan(40);
      expect(leaf.auditEvidence?.length ?? 0, leaf.number).toBeGreaterThanOrEqual(2);
      expect(leaf.auditEvidence?.length ?? 0, leaf.number).toBeLessThanOrEqual(5);
      for (const item of leaf.auditEvidence ?? []) expect(item.trim(), leaf.number).not.toBe('');
      expect(Array.isArray(leaf.documentedInformation), leaf.number).toBe(true);
      for (const doc of leaf.documentedInformation ?? []) {
        expect(doc.name.trim(), leaf.number).not.toBe('');
        expect(typeof doc.mandatory, `${leaf.number} ${doc.name}`).toBe('boolean');
      }
    }
  });

  it('cites only known Meridian evidence sources, or says what lies outside Meridian', () => {
    expect(isEvidenceSource('tickets.incidents')).toBe(true);
    expect(isEvidenceSource('tickets.incident')).toBe(false);
    for (const leaf of leaves) {
      const evidence = leaf.meridianEvidence ?? [];
      expect(Array.isArray(leaf.meridianEvidence), leaf.number).toBe(true);
      for (const item of evidence) {
        expect(EVIDENCE_SOURCES, `${leaf.number} cites ${item.source}`).toContain(item.source);
        expect(item.description.trim(), leaf.number).not.toBe('');
      }
      const gap = leaf.meridianGap?.trim() ?? '';
      expect(evidence.length > 0 || gap !== '', `${leaf.number} has evidence or a gap`).toBe(true);
    }
  });

  it('tags each document of the mandatory checklist once, as mandatory', () => {
    const tagged = leaves.flatMap((leaf) =>
      (leaf.documentedInformation ?? [])
        .filter((doc) => doc.key !== undefined)
        .map((doc) => ({ key: doc.key, mandatory: doc.mandatory, requirement: leaf.number })),
    );
    const keys = tagged.map((t) => t.key);
    expect(new Set(keys).size, 'keys are unique').toBe(keys.length);
    for (const key of MANDATORY_CHECKLIST) {
      const doc = tagged.find((t) => t.key === key);
      expect(doc, key).toBeDefined();
      expect(doc?.mandatory, key).toBe(true);
    }
  });

  it('never carries a field for the standard’s own text', () => {
    const allowed = new Set(['number', 'title', 'parent', 'leaf', ...GUIDANCE_FIELDS]);
    for (const node of library.nodes) {
      for (const field of Object.keys(node))
        expect(allowed.has(field), `${node.number}.${field}`).toBe(true);
    }
  });
});
