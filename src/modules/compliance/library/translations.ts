// Translations of the library's guidance: one data file per framework edition and language
// (`<framework>-<edition>.<language>.json`), holding only the guidance fields of the leaf
// requirements, keyed by clause number. Titles are never translated (they are the standard's
// own titles), nor numbers, sources or checklist keys: the overlay is applied when the library is
// read, over the English rows loaded in the database, so a missing translation falls back to
// the English guidance, field by field.
import type { Framework, RequirementNode } from '../compliance.js';
import fr20000 from './iso20000-1-2018.fr.json' with { type: 'json' };

export interface TranslatedGuidance {
  intent: string;
  /** The names of the documented information, in the order of the English file. */
  documentedInformation: string[];
  auditEvidence: string[];
  /** The descriptions of the Meridian evidence, in the order of the English file. */
  meridianEvidence: string[];
  meridianGap?: string;
}

export interface GuidanceTranslationFile {
  framework: string;
  edition: string;
  /** BCP 47 tag of the translation, e.g. fr-FR. */
  language: string;
  /** The dataVersion of the English file this translation was made from. */
  translates: number;
  /** The library's display name in that language. */
  title: string;
  nodes: Record<string, TranslatedGuidance>;
}

export const TRANSLATION_FILES: readonly GuidanceTranslationFile[] = [
  fr20000 as GuidanceTranslationFile,
];

const baseOf = (tag: string) => tag.toLowerCase().split('-')[0] ?? tag;

/** The languages (base codes) a framework's guidance can be read in, its own language first. */
export function guidanceLanguages(
  framework: Pick<Framework, 'framework' | 'edition' | 'language'>,
) {
  return [
    baseOf(framework.language),
    ...TRANSLATION_FILES.filter(
      (f) => f.framework === framework.framework && f.edition === framework.edition,
    ).map((f) => baseOf(f.language)),
  ];
}

/**
 * The nodes with their guidance in `language` (a base code) when a translation exists, and the
 * language tag the guidance is in. Fields the translation lacks, or whose list does not match the
 * English one in length, stay in English.
 */
export function translateGuidance(
  framework: Pick<Framework, 'framework' | 'edition' | 'language' | 'title'>,
  nodes: RequirementNode[],
  language: string,
): { language: string; title: string; nodes: RequirementNode[] } {
  const file = TRANSLATION_FILES.find(
    (f) =>
      f.framework === framework.framework &&
      f.edition === framework.edition &&
      baseOf(f.language) === baseOf(language),
  );
  if (!file || baseOf(language) === baseOf(framework.language))
    return { language: framework.language, title: framework.title, nodes };
  const sameLength = <T>(english: T[], translated: unknown[] | undefined) =>
    translated !== undefined && translated.length === english.length;
  return {
    language: file.language,
    title: file.title,
    nodes: nodes.map((node) => {
      const fr = file.nodes[node.number];
      if (!node.leaf || !fr) return node;
      return {
        ...node,
        intent: node.intent === null ? null : (fr.intent ?? node.intent),
        documentedInformation: sameLength(node.documentedInformation, fr.documentedInformation)
          ? node.documentedInformation.map((d, i) => ({
              ...d,
              name: fr.documentedInformation[i] ?? d.name,
            }))
          : node.documentedInformation,
        auditEvidence: sameLength(node.auditEvidence, fr.auditEvidence)
          ? fr.auditEvidence
          : node.auditEvidence,
        meridianEvidence: sameLength(node.meridianEvidence, fr.meridianEvidence)
          ? node.meridianEvidence.map((m, i) => ({
              ...m,
              description: fr.meridianEvidence[i] ?? m.description,
            }))
          : node.meridianEvidence,
        meridianGap: node.meridianGap === null ? null : (fr.meridianGap ?? node.meridianGap),
      };
    }),
  };
}
