import { Group, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useServiceOptions } from '../problems/service-options';
import type { Period } from './api';
import { type DashboardSearch, PRESETS, type Preset } from './period';

interface PeriodFilterProps {
  search: DashboardSearch;
  period: Period;
  onChange: (next: DashboardSearch) => void;
  /** Offer the service filter (it applies to ticket-based KPIs). */
  withService?: boolean;
}

export function PeriodFilter({ search, period, onChange, withService = true }: PeriodFilterProps) {
  const { t } = useTranslation();
  const services = useServiceOptions();
  const preset = search.preset ?? 'last-30-days';
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
      <Select
        label={t('kpis.filter.period')}
        data={PRESETS.map((value) => ({ value, label: t(`kpis.filter.presets.${value}`) }))}
        value={preset}
        allowDeselect={false}
        onChange={(value) => {
          const next = (value ?? 'last-30-days') as Preset;
          onChange(
            next === 'custom'
              ? { ...search, preset: next, from: period.from, to: period.to }
              : { ...search, preset: next, from: undefined, to: undefined },
          );
        }}
        w={200}
      />
      {preset === 'custom' && (
        <>
          <TextInput
            type="date"
            label={t('kpis.filter.from')}
            value={search.from ?? period.from}
            max={search.to ?? period.to}
            onChange={(event) =>
              event.currentTarget.value && onChange({ ...search, from: event.currentTarget.value })
            }
          />
          <TextInput
            type="date"
            label={t('kpis.filter.to')}
            value={search.to ?? period.to}
            min={search.from ?? period.from}
            onChange={(event) =>
              event.currentTarget.value && onChange({ ...search, to: event.currentTarget.value })
            }
          />
        </>
      )}
      {withService && (
        <Select
          label={t('kpis.filter.service')}
          placeholder={t('kpis.filter.allServices')}
          data={services}
          value={search.serviceId ?? null}
          onChange={(value) => onChange({ ...search, serviceId: value ?? undefined })}
          clearable
          searchable
          w={240}
        />
      )}
    </Group>
  );
}
