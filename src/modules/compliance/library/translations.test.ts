import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RequirementNode } from '../compliance.js';
import { negotiateLanguage, preferredLanguages } from './language.js';
import {
  type GuidanceTranslationFile,
  guidanceLanguages,
  TRANSLATION_FILES,
  translateGuidance,
} from './translations.js';

// The French layer of the ISO/IEC 20000-1:2018 library: the same leaves, the same lists, all in
// French, and nothing of the standard (no titles, no other fields).

interface EnglishNode {
  number: string;
  title: string;
  leaf: boolean;
  intent?: string;
  documentedInformation?: { key?: string; name: string; mandatory: boolean }[];
  auditEvidence?: string[];
  meridianEvidence?: { source: string; description: string }[];
  meridianGap?: string;
}

const here = (file: string) => new URL(file, import.meta.url);
const english = JSON.parse(readFileSync(here('./iso20000-1-2018.json'), 'utf8')) as {
  framework: string;
  edition: string;
  dataVersion: number;
  language: string;
  nodes: EnglishNode[];
};
const french = JSON.parse(
  readFileSync(here('./iso20000-1-2018.fr.json'), 'utf8'),
) as GuidanceTranslationFile;
const leaves = english.nodes.filter((n) => n.leaf);

/** Every French text of a leaf, with where it is, for the checks below. */
function textsOf(number: string): { where: string; text: string }[] {
  const t = french.nodes[number];
  if (!t) return [];
  return [
    { where: `${number}.intent`, text: t.intent },
    ...t.documentedInformation.map((text, i) => ({ where: `${number}.documented[${i}]`, text })),
    ...t.auditEvidence.map((text, i) => ({ where: `${number}.audit[${i}]`, text })),
    ...t.meridianEvidence.map((text, i) => ({ where: `${number}.meridian[${i}]`, text })),
    ...(t.meridianGap === undefined ? [] : [{ where: `${number}.gap`, text: t.meridianGap }]),
  ];
}

// Words that give away an English sentence; none of them is a French word.
const ENGLISH_WORDS =
  /\b(the|and|with|which|that|of|for|to|is|are|must|should|their|from|by|each|every|show)\b/i;

describe('French guidance of ISO/IEC 20000-1:2018', () => {
  it('translates the current English file of the same edition', () => {
    expect(french.framework).toBe(english.framework);
    expect(french.edition).toBe(english.edition);
    expect(french.language).toBe('fr-FR');
    // Bump `translates` only after updating the French text to the new English guidance.
    expect(french.translates).toBe(english.dataVersion);
    expect(TRANSLATION_FILES.map((f) => f.language)).toContain('fr-FR');
  });

  it('covers exactly the 57 leaf requirements, list for list', () => {
    expect(Object.keys(french.nodes).sort()).toEqual(leaves.map((l) => l.number).sort());
    for (const leaf of leaves) {
      const t = french.nodes[leaf.number];
      expect(t, leaf.number).toBeDefined();
      expect(t?.documentedInformation.length, `${leaf.number} documents`).toBe(
        leaf.documentedInformation?.length ?? 0,
      );
      expect(t?.auditEvidence.length, `${leaf.number} audit evidence`).toBe(
        leaf.auditEvidence?.length ?? 0,
      );
      expect(t?.meridianEvidence.length, `${leaf.number} Meridian evidence`).toBe(
        leaf.meridianEvidence?.length ?? 0,
      );
      expect(t?.meridianGap === undefined, `${leaf.number} gap`).toBe(
        leaf.meridianGap === undefined,
      );
    }
  });

  it('carries only guidance fields: no titles, numbers or other text of the standard', () => {
    const allowed = new Set([
      'intent',
      'documentedInformation',
      'auditEvidence',
      'meridianEvidence',
      'meridianGap',
    ]);
    const titles = new Set(english.nodes.map((n) => n.title.toLowerCase()));
    for (const [number, t] of Object.entries(french.nodes)) {
      for (const field of Object.keys(t))
        expect(allowed.has(field), `${number}.${field}`).toBe(true);
      for (const { where, text } of textsOf(number))
        expect(titles.has(text.toLowerCase()), `${where} is a clause title`).toBe(false);
    }
  });

  it('leaves no English behind and writes French typography', () => {
    for (const leaf of leaves) {
      const englishTexts = new Set(
        [
          leaf.intent,
          ...(leaf.documentedInformation ?? []).map((d) => d.name),
          ...(leaf.auditEvidence ?? []),
          ...(leaf.meridianEvidence ?? []).map((m) => m.description),
          leaf.meridianGap,
        ].filter((x): x is string => x !== undefined),
      );
      for (const { where, text } of textsOf(leaf.number)) {
        expect(text.trim(), where).not.toBe('');
        expect(englishTexts.has(text), `${where} is still English`).toBe(false);
        expect(text, `${where} reads as English`).not.toMatch(ENGLISH_WORDS);
        expect(text, `${where} uses a straight apostrophe or quote`).not.toMatch(/['"]/);
      }
    }
    expect(french.nodes['4.3']?.intent).toContain('« plateforme de commerce en ligne');
    expect(french.nodes['10.1']?.intent).toContain('non-conformité');
  });
});

const node = (over: Partial<RequirementNode>): RequirementNode => ({
  id: 'r1',
  frameworkId: 'f1',
  number: '9.2',
  title: 'Internal audit',
  parentNumber: '9',
  clause: '9',
  depth: 1,
  position: 1,
  leaf: true,
  edition: '2018',
  intent: 'Run internal audits.',
  documentedInformation: [
    { key: null, name: 'Audit programme', mandatory: true },
    { key: null, name: 'Audit reports and results', mandatory: true },
  ],
  auditEvidence: ['a', 'b', 'c', 'd'],
  meridianEvidence: [
    { source: 'audits.programme', description: 'x' },
    { source: 'audits.findings', description: 'y' },
    { source: 'training.records', description: 'z' },
    { source: 'kpis', description: 'w' },
  ],
  meridianGap: null,
  hasLicensedText: false,
  ...over,
});
const framework = {
  framework: 'iso20000-1',
  edition: '2018',
  language: 'en-GB',
  title: 'ISO/IEC 20000-1:2018, clauses 4 to 10',
};

describe('translateGuidance', () => {
  it('offers English and French for ISO/IEC 20000-1:2018', () => {
    expect(guidanceLanguages(framework)).toEqual(['en', 'fr']);
    expect(guidanceLanguages({ ...framework, edition: '2027' })).toEqual(['en']);
  });

  it('words the guidance in French, keeping titles, sources, keys and the mandatory flags', () => {
    const { language, title, nodes } = translateGuidance(framework, [node({})], 'fr');
    expect(language).toBe('fr-FR');
    expect(title).toBe('ISO/IEC 20000-1:2018, articles 4 à 10');
    const [n] = nodes;
    expect(n?.title).toBe('Internal audit');
    expect(n?.intent).toMatch(/^Menez des audits internes/);
    expect(n?.documentedInformation).toEqual([
      { key: null, name: 'Programme d’audit', mandatory: true },
      { key: null, name: 'Rapports et résultats d’audit', mandatory: true },
    ]);
    expect(n?.meridianEvidence.map((m) => m.source)).toEqual([
      'audits.programme',
      'audits.findings',
      'training.records',
      'kpis',
    ]);
    expect(n?.meridianEvidence[3]?.description).toBe(
      'Le taux de réussite des audits de conformité',
    );
    expect(n?.meridianGap).toBeNull();
  });

  it('keeps English for English, other languages, grouping nodes and lists that do not match', () => {
    const english = node({});
    expect(translateGuidance(framework, [english], 'en')).toEqual({
      language: 'en-GB',
      title: 'ISO/IEC 20000-1:2018, clauses 4 to 10',
      nodes: [english],
    });
    expect(translateGuidance(framework, [english], 'de').language).toBe('en-GB');
    const heading = node({ number: '9', leaf: false, intent: null });
    expect(translateGuidance(framework, [heading], 'fr').nodes[0]).toEqual(heading);
    const longer = node({ auditEvidence: ['a', 'b'] });
    const [n] = translateGuidance(framework, [longer], 'fr').nodes;
    expect(n?.auditEvidence).toEqual(['a', 'b']);
    expect(n?.intent).toMatch(/^Menez/);
  });
});

describe('Accept-Language', () => {
  it('orders languages by quality, then by their place in the header', () => {
    expect(preferredLanguages('fr-FR,fr;q=0.9,en-GB;q=0.8,en;q=0.7')).toEqual([
      'fr',
      'fr',
      'en',
      'en',
    ]);
    expect(preferredLanguages('en;q=0.5, fr')).toEqual(['fr', 'en']);
    expect(preferredLanguages('*, de;q=0')).toEqual([]);
    expect(preferredLanguages(undefined)).toEqual([]);
  });

  it('picks the first offered language, else the fallback', () => {
    expect(negotiateLanguage('fr', ['en', 'fr'])).toBe('fr');
    expect(negotiateLanguage('de-DE,fr;q=0.5', ['en', 'fr'])).toBe('fr');
    expect(negotiateLanguage('de-DE', ['en', 'fr'])).toBe('en');
    expect(negotiateLanguage('en-US,fr;q=0.9', ['en', 'fr'])).toBe('en');
    expect(negotiateLanguage(undefined, ['en', 'fr'], '')).toBe('');
  });
});
