import 'i18next';
import type audits from '../features/audits/i18n/en.json';
import type changeCalendar from '../features/change-calendar/i18n/en.json';
import type changes from '../features/changes/i18n/en.json';
import type compliance from '../features/compliance/i18n/en.json';
import type documents from '../features/documents/i18n/en.json';
import type imports from '../features/imports/i18n/en.json';
import type improvements from '../features/improvements/i18n/en.json';
import type kpis from '../features/kpis/i18n/en.json';
import type managementReviews from '../features/management-reviews/i18n/en.json';
import type problems from '../features/problems/i18n/en.json';
import type releases from '../features/releases/i18n/en.json';
import type reports from '../features/reports/i18n/en.json';
import type training from '../features/training/i18n/en.json';
import type en from './en.json';

// Feature texts live next to their feature and appear under its name (see ./index.ts).
interface FeatureTexts {
  problems: typeof problems;
  changes: typeof changes;
  changeCalendar: typeof changeCalendar;
  releases: typeof releases;
  compliance: typeof compliance;
  documents: typeof documents;
  audits: typeof audits;
  training: typeof training;
  improvements: typeof improvements;
  managementReviews: typeof managementReviews;
  kpis: typeof kpis;
  reports: typeof reports;
  imports: typeof imports;
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en & FeatureTexts };
  }
}
