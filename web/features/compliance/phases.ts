import type { TFunction } from 'i18next';
import type { Phase, Roadmap } from './api';

// The four phases are created by the server with English titles. Until someone renames one, it is
// shown in the interface language; a title the SMS manager chose is shown as written.

const DEFAULT_TITLES: Record<string, string> = {
  assessment: 'Assessment and gap analysis',
  framework: 'Strategy and framework development',
  planning: 'Execution planning',
  implementation: 'Implementation and continual improvement',
};

const PHASE_KEYS = ['assessment', 'framework', 'planning', 'implementation'] as const;
type PhaseKey = (typeof PHASE_KEYS)[number];
const isPhaseKey = (key: string): key is PhaseKey =>
  (PHASE_KEYS as readonly string[]).includes(key);

export function phaseTitle(phase: Phase, t: TFunction): string {
  return isPhaseKey(phase.key) && phase.title === DEFAULT_TITLES[phase.key]
    ? t(`compliance.phases.${phase.key}`)
    : phase.title;
}

export function localizedRoadmap(roadmap: Roadmap, t: TFunction): Roadmap {
  return {
    ...roadmap,
    phases: roadmap.phases.map((phase) => ({ ...phase, title: phaseTitle(phase, t) })),
  };
}
