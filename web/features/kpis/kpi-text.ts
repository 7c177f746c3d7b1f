import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

// KPI names and descriptions are data, written in English by the migration (and editable in the
// KPI administration). The screens show them in the user's language when the feature's texts
// have a translation for that KPI key (`kpis.definitions.<key>` in i18n/<lang>.json) and the
// stored text is still the default English one: a KPI an administrator renamed keeps its name.
type Definition = { key: string; name: string; description?: string };

export function useKpiText() {
  const { t, i18n } = useTranslation();
  const translated = useCallback(
    (kpi: Definition, field: 'name' | 'description'): string => {
      const stored = kpi[field] ?? '';
      const path = `kpis.definitions.${kpi.key}.${field}`;
      const english = i18n.getResource('en', 'translation', path) as string | undefined;
      if (english === undefined || english !== stored) return stored;
      return t(path as never, { defaultValue: stored }) as string;
    },
    [t, i18n],
  );
  return {
    name: useCallback((kpi: Definition) => translated(kpi, 'name'), [translated]),
    description: useCallback((kpi: Definition) => translated(kpi, 'description'), [translated]),
  };
}
