import { Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../ui/form-dialog';
import { usePermissions } from '../auth/session';
import { PersonSelect } from '../catalogue/person-select';
import {
  createImprovement,
  IMPROVEMENT_SOURCES,
  type Improvement,
  type ImprovementSource,
  improvementsKeys,
  priorityOf,
} from './api';
import { PriorityBadge } from './labels';

export interface ImprovementPreset {
  source: ImprovementSource;
  sourceId?: string;
  sourceLabel?: string;
  title?: string;
  description?: string;
}

interface Values extends Record<string, unknown> {
  title: string;
  description: string;
  source: ImprovementSource | null;
  expectedBenefit: string;
  benefit: string | null;
  effort: string | null;
  impact: string | null;
  ownerId: string | null;
  targetDate: string;
}

const SCORES = ['1', '2', '3', '4', '5'];
const score = (value: string | null) => (value ? Number(value) : null);

/** One 1-to-5 criterion, each value named so the choice means the same to everyone. */
export function ScoreSelect(props: {
  criterion: 'benefit' | 'effort' | 'impact';
  value: string | null;
  onChange: (value: string | null) => void;
  error?: React.ReactNode;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Select
      label={t(`improvements.criteria.${props.criterion}.label`)}
      description={t(`improvements.criteria.${props.criterion}.hint`)}
      data={SCORES.map((value) => ({
        value,
        label: `${value} · ${t(`improvements.criteria.${props.criterion}.levels.${value as '1'}`)}`,
      }))}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      disabled={props.disabled}
      clearable
      allowDeselect
    />
  );
}

/** Suggests an improvement: from the register (any source) or from a record (source preset). */
export function ImprovementDialog(props: {
  opened: boolean;
  onClose: () => void;
  onCreated: (improvement: Improvement) => void;
  preset?: ImprovementPreset;
}) {
  const { t } = useTranslation();
  const can = usePermissions();
  const manages = can('improvements.manage');
  const queryClient = useQueryClient();
  const { preset } = props;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      title: preset?.title ?? '',
      description: preset?.description ?? '',
      source: preset?.source ?? 'suggestion',
      expectedBenefit: '',
      benefit: null,
      effort: null,
      impact: null,
      ownerId: null,
      targetDate: '',
    },
    validate: {
      title: (value) => (value.trim() ? null : t('validation.required')),
      source: (value) => (value ? null : t('validation.required')),
    },
  });
  const priority = priorityOf(
    score(form.values.benefit),
    score(form.values.impact),
    score(form.values.effort),
  );
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={preset ? t('improvements.raise.title') : t('improvements.create.title')}
      submitLabel={t('improvements.create.submit')}
      form={form}
      size="lg"
      onSubmit={async (values, idempotencyKey) => {
        const created = await createImprovement(
          {
            title: values.title.trim(),
            description: values.description.trim(),
            source: values.source as ImprovementSource,
            ...(preset?.sourceId ? { sourceId: preset.sourceId } : {}),
            ...(preset?.sourceLabel ? { sourceLabel: preset.sourceLabel } : {}),
            expectedBenefit: values.expectedBenefit.trim(),
            benefit: score(values.benefit),
            effort: score(values.effort),
            impact: score(values.impact),
            ...(manages ? { ownerId: values.ownerId, targetDate: values.targetDate || null } : {}),
          },
          idempotencyKey,
        );
        await queryClient.invalidateQueries({ queryKey: improvementsKeys.all });
        props.onCreated(created);
      }}
    >
      <Stack gap="sm">
        {preset?.sourceLabel && (
          <Text size="sm" c="dimmed">
            {t('improvements.raise.from', {
              source: t(`improvements.sources.${preset.source}`),
              label: preset.sourceLabel,
            })}
          </Text>
        )}
        <TextInput
          label={t('improvements.fields.title')}
          required
          data-autofocus
          {...form.getInputProps('title')}
        />
        <Textarea
          label={t('improvements.fields.description')}
          autosize
          minRows={2}
          maxRows={8}
          {...form.getInputProps('description')}
        />
        {!preset && (
          <Select
            label={t('improvements.fields.source')}
            required
            data={IMPROVEMENT_SOURCES.map((value) => ({
              value,
              label: t(`improvements.sources.${value}`),
            }))}
            {...form.getInputProps('source')}
          />
        )}
        <Textarea
          label={t('improvements.fields.expectedBenefit')}
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps('expectedBenefit')}
        />
        <Group grow align="flex-start">
          <ScoreSelect
            criterion="benefit"
            value={form.values.benefit}
            onChange={(value) => form.setFieldValue('benefit', value)}
            error={form.errors.benefit}
          />
          <ScoreSelect
            criterion="effort"
            value={form.values.effort}
            onChange={(value) => form.setFieldValue('effort', value)}
            error={form.errors.effort}
          />
          <ScoreSelect
            criterion="impact"
            value={form.values.impact}
            onChange={(value) => form.setFieldValue('impact', value)}
            error={form.errors.impact}
          />
        </Group>
        <Group gap="xs">
          <Text size="sm">{t('improvements.priority.label')}</Text>
          <PriorityBadge priority={priority} />
        </Group>
        {manages && (
          <Group grow align="flex-start">
            <PersonSelect
              label={t('improvements.fields.ownerId')}
              value={form.values.ownerId}
              onChange={(value) => form.setFieldValue('ownerId', value)}
              error={form.errors.ownerId}
            />
            <TextInput
              type="date"
              label={t('improvements.fields.targetDate')}
              {...form.getInputProps('targetDate')}
            />
          </Group>
        )}
      </Stack>
    </FormDialog>
  );
}
