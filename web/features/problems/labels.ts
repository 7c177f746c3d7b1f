import type { TFunction } from 'i18next';
import { dynamicLabel } from '../tickets/labels';

/** An incident category's name; the desk may add categories the app has no words for. */
export const categoryLabel = (t: TFunction, category: string) =>
  dynamicLabel(t, `problems.categories.${category}`, category);
