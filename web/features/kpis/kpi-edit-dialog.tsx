import {
  Group,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../ui/form-dialog';
import { notify } from '../../ui/notify';
import { UserSelect } from '../admin-users/user-select';
import { type Kpi, type KpiPatch, kpisKeys, updateKpi } from './api';

interface Values extends Record<string, unknown> {
  name: string;
  target: { kind: 'absolute' | 'relative'; value: number | string; change: number | string };
  baseline: { from: string; to: string };
  atRiskMargin: number | string;
  ownerId: string | null;
  requirements: string;
  objectives: string;
}

function valuesOf(kpi: Kpi): Values {
  return {
    name: kpi.name,
    target:
      kpi.target.kind === 'absolute'
        ? { kind: 'absolute', value: kpi.target.value, change: '' }
        : { kind: 'relative', value: '', change: kpi.target.change },
    baseline: { from: kpi.baseline?.from ?? '', to: kpi.baseline?.to ?? '' },
    atRiskMargin: kpi.atRiskMargin,
    ownerId: kpi.ownerId,
    requirements: kpi.requirements.join(', '),
    objectives: kpi.objectives,
  };
}

const toNumber = (value: number | string) =>
  typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);

interface KpiEditDialogProps {
  kpi: Kpi | null;
  onClose: () => void;
}

/** Target, baseline, at-risk margin, owner and links of one KPI, saved with If-Match. */
export function KpiEditDialog({ kpi, onClose }: KpiEditDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    initialValues: kpi
      ? valuesOf(kpi)
      : {
          name: '',
          target: { kind: 'absolute', value: '', change: '' },
          baseline: { from: '', to: '' },
          atRiskMargin: 0,
          ownerId: null,
          requirements: '',
          objectives: '',
        },
    validate: {
      name: (v) => (v.trim() ? null : t('kpis.admin.errors.name')),
      target: {
        value: (v, all) =>
          all.target.kind === 'absolute' && Number.isNaN(toNumber(v))
            ? t('kpis.admin.errors.number')
            : null,
        change: (v, all) =>
          all.target.kind === 'relative' && Number.isNaN(toNumber(v))
            ? t('kpis.admin.errors.number')
            : null,
      },
      baseline: {
        to: (v, all) =>
          (v === '') !== (all.baseline.from === '')
            ? t('kpis.admin.errors.baselineBoth')
            : v && all.baseline.from > v
              ? t('kpis.admin.errors.baselineOrder')
              : null,
      },
      atRiskMargin: (v) => {
        const n = toNumber(v);
        return Number.isNaN(n) || n < 0 || n > 100 ? t('kpis.admin.errors.margin') : null;
      },
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload the form when another KPI opens
  useEffect(() => {
    if (kpi) {
      form.setValues(valuesOf(kpi));
      form.resetDirty(valuesOf(kpi));
      form.clearErrors();
    }
  }, [kpi?.key, kpi?.version]);

  const submit = async (values: Values) => {
    if (!kpi) return;
    const patch: KpiPatch = {
      name: values.name.trim(),
      target:
        values.target.kind === 'absolute'
          ? { kind: 'absolute', value: toNumber(values.target.value) }
          : { kind: 'relative', change: toNumber(values.target.change) },
      baseline:
        values.baseline.from && values.baseline.to
          ? { from: values.baseline.from, to: values.baseline.to }
          : null,
      atRiskMargin: toNumber(values.atRiskMargin),
      ownerId: values.ownerId,
      requirements: values.requirements
        .split(/[,\s]+/)
        .map((r) => r.trim())
        .filter(Boolean),
      objectives: values.objectives,
    };
    const saved = await updateKpi(kpi.key, patch, kpi.version);
    await queryClient.invalidateQueries({ queryKey: kpisKeys.all });
    notify({ color: 'green', message: t('kpis.admin.saved', { name: saved.name }) });
  };

  const relative = form.values.target.kind === 'relative';
  return (
    <FormDialog
      opened={kpi !== null}
      onClose={onClose}
      title={t('kpis.admin.editTitle', { name: kpi?.name ?? '' })}
      submitLabel={t('kpis.admin.save')}
      form={form}
      onSubmit={submit}
      size="lg"
    >
      <TextInput label={t('kpis.admin.fields.name')} required {...form.getInputProps('name')} />
      <Stack gap={4}>
        <Text size="sm" fw={500} id="kpi-target-kind">
          {t('kpis.admin.fields.targetKind')}
        </Text>
        <SegmentedControl
          aria-labelledby="kpi-target-kind"
          data={[
            { value: 'absolute', label: t('kpis.admin.targetKinds.absolute') },
            { value: 'relative', label: t('kpis.admin.targetKinds.relative') },
          ]}
          {...form.getInputProps('target.kind')}
        />
      </Stack>
      {relative ? (
        <NumberInput
          label={t('kpis.admin.fields.targetChange')}
          description={t('kpis.admin.fields.targetChangeHelp')}
          decimalScale={2}
          {...form.getInputProps('target.change')}
        />
      ) : (
        <NumberInput
          label={t('kpis.admin.fields.targetValue')}
          description={kpi ? t(`kpis.units.${kpi.unit}`) : undefined}
          decimalScale={2}
          {...form.getInputProps('target.value')}
        />
      )}
      <Group grow align="flex-start">
        <TextInput
          type="date"
          label={t('kpis.admin.fields.baselineFrom')}
          {...form.getInputProps('baseline.from')}
        />
        <TextInput
          type="date"
          label={t('kpis.admin.fields.baselineTo')}
          {...form.getInputProps('baseline.to')}
        />
      </Group>
      <NumberInput
        label={t('kpis.admin.fields.atRiskMargin')}
        description={t('kpis.admin.fields.atRiskMarginHelp')}
        min={0}
        max={100}
        decimalScale={2}
        {...form.getInputProps('atRiskMargin')}
      />
      <UserSelect
        label={t('kpis.admin.fields.owner')}
        value={form.values.ownerId}
        onChange={(value) => form.setFieldValue('ownerId', value)}
        error={form.errors.ownerId}
      />
      <TextInput
        label={t('kpis.admin.fields.requirements')}
        description={t('kpis.admin.fields.requirementsHelp')}
        {...form.getInputProps('requirements')}
      />
      <Textarea
        label={t('kpis.admin.fields.objectives')}
        autosize
        minRows={2}
        {...form.getInputProps('objectives')}
      />
    </FormDialog>
  );
}
