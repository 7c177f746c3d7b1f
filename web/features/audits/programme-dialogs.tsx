import { Button, Group, MultiSelect, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { FormDialog } from '../../ui/form-dialog';
import { notify } from '../../ui/notify';
import { UserMultiSelect } from '../admin-users/user-select';
import { GroupMultiSelect } from '../catalogue/group-select';
import { PersonSelect } from '../catalogue/person-select';
import {
  AUDIT_TYPES,
  type Audit,
  type AuditType,
  auditsKeys,
  GRADE_KINDS,
  type Grade,
  type GradeScheme,
  gradeSchemesQuery,
  type ProgrammeView,
} from './api';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function ProgrammeDialog(props: {
  opened: boolean;
  onClose: () => void;
  onCreated: (p: ProgrammeView) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const schemes = useQuery(gradeSchemesQuery());
  const form = useForm({
    initialValues: {
      name: '',
      certificationBody: '',
      gradeSchemeId: '' as string,
      cycleStart: '',
      cycleEnd: '',
    },
    validate: {
      name: (v) => (v.trim() ? null : t('validation.required')),
      certificationBody: (v) => (v.trim() ? null : t('validation.required')),
      cycleStart: (v) => (DAY.test(v) ? null : t('validation.required')),
      cycleEnd: (v, all) =>
        !DAY.test(v)
          ? t('validation.required')
          : v < all.cycleStart
            ? t('audits.endBeforeStart')
            : null,
    },
  });
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t('audits.programme.create')}
      submitLabel={t('audits.programme.createSubmit')}
      form={form}
      onSubmit={async (values, idempotencyKey) => {
        const created = await api.post<ProgrammeView>(
          '/api/v1/audits/programmes',
          { ...values, gradeSchemeId: values.gradeSchemeId || null },
          { idempotencyKey },
        );
        await queryClient.invalidateQueries({ queryKey: auditsKeys.all });
        notify({ message: t('audits.programme.created', { name: created.name }) });
        props.onCreated(created);
      }}
    >
      <TextInput
        label={t('audits.fields.programmeName')}
        required
        {...form.getInputProps('name')}
      />
      <TextInput
        label={t('audits.fields.certificationBody')}
        required
        {...form.getInputProps('certificationBody')}
      />
      <Select
        label={t('audits.fields.gradeScheme')}
        description={t('audits.programme.schemeHint')}
        data={(schemes.data ?? []).map((s) => ({
          value: s.id,
          label: s.name === 'Default' ? t('audits.schemes.default') : s.name,
        }))}
        clearable
        {...form.getInputProps('gradeSchemeId')}
      />
      <Group grow>
        <TextInput
          type="date"
          label={t('audits.fields.cycleStart')}
          required
          {...form.getInputProps('cycleStart')}
        />
        <TextInput
          type="date"
          label={t('audits.fields.cycleEnd')}
          required
          {...form.getInputProps('cycleEnd')}
        />
      </Group>
    </FormDialog>
  );
}

/** Plans an audit, or with `audit` changes the plan of one. */
export function PlanAuditDialog(props: {
  opened: boolean;
  onClose: () => void;
  programme: ProgrammeView;
  audit?: Audit;
  onSaved: (a: Audit) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { audit } = props;
  const form = useForm({
    initialValues: {
      type: audit?.type ?? ('internal' as AuditType),
      title: audit?.title ?? '',
      plannedStart: audit?.plannedStart ?? '',
      plannedEnd: audit?.plannedEnd ?? '',
      leadAuditorId: audit?.leadAuditorId ?? (null as string | null),
      teamIds: audit?.teamIds ?? ([] as string[]),
      areaGroupIds: audit?.areaGroupIds ?? ([] as string[]),
      scope: audit?.scope ?? '',
      requirements: audit?.sample.map((s) => s.requirement) ?? ([] as string[]),
    },
    validate: {
      title: (v) => (v.trim() ? null : t('validation.required')),
      plannedStart: (v) => (DAY.test(v) ? null : t('validation.required')),
      plannedEnd: (v, all) =>
        !DAY.test(v)
          ? t('validation.required')
          : v < all.plannedStart
            ? t('audits.endBeforeStart')
            : null,
    },
  });
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={audit ? t('audits.plan.editTitle', { number: audit.number }) : t('audits.plan.title')}
      submitLabel={audit ? t('audits.plan.save') : t('audits.plan.submit')}
      form={form}
      size="lg"
      onSubmit={async (values, idempotencyKey) => {
        const saved = audit
          ? await api.patch<Audit>(`/api/v1/audits/${audit.id}`, values, { version: audit.version })
          : await api.post<Audit>(
              '/api/v1/audits',
              { ...values, programmeId: props.programme.id },
              { idempotencyKey },
            );
        await queryClient.invalidateQueries({ queryKey: auditsKeys.all });
        notify({
          message: audit
            ? t('audits.plan.saved', { number: saved.number })
            : t('audits.plan.created', { number: saved.number }),
        });
        props.onSaved(saved);
      }}
    >
      <Group grow>
        <Select
          label={t('audits.fields.type')}
          data={AUDIT_TYPES.map((type) => ({ value: type, label: t(`audits.types.${type}`) }))}
          allowDeselect={false}
          {...form.getInputProps('type')}
        />
        <TextInput label={t('audits.fields.title')} required {...form.getInputProps('title')} />
      </Group>
      <Group grow>
        <TextInput
          type="date"
          label={t('audits.fields.plannedStart')}
          required
          {...form.getInputProps('plannedStart')}
        />
        <TextInput
          type="date"
          label={t('audits.fields.plannedEnd')}
          required
          {...form.getInputProps('plannedEnd')}
        />
      </Group>
      <Group grow align="flex-start">
        <PersonSelect
          label={t('audits.fields.leadAuditor')}
          value={form.values.leadAuditorId}
          onChange={(v) => form.setFieldValue('leadAuditorId', v)}
        />
        <UserMultiSelect
          label={t('audits.fields.team')}
          value={form.values.teamIds}
          onChange={(v) => form.setFieldValue('teamIds', v)}
        />
      </Group>
      <GroupMultiSelect
        label={t('audits.fields.auditedGroups')}
        description={t('audits.plan.groupHint')}
        value={form.values.areaGroupIds}
        onChange={(v) => form.setFieldValue('areaGroupIds', v)}
      />
      <Textarea
        label={t('audits.fields.scope')}
        autosize
        minRows={2}
        {...form.getInputProps('scope')}
      />
      <MultiSelect
        label={t('audits.fields.sample')}
        description={t('audits.plan.sampleHint')}
        data={props.programme.coverage.map((c) => ({
          value: c.requirement,
          label: `${c.requirement} ${c.title}`,
        }))}
        searchable
        clearable
        {...form.getInputProps('requirements')}
      />
    </FormDialog>
  );
}

export function GradeSchemeDialog(props: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      name: '',
      grades: [
        { key: 'major', label: '', kind: 'major-nonconformity' },
        { key: 'minor', label: '', kind: 'minor-nonconformity' },
        { key: 'observation', label: '', kind: 'observation' },
        { key: 'ofi', label: '', kind: 'opportunity-for-improvement' },
      ] as Grade[],
    },
    validate: {
      name: (v) => (v.trim() ? null : t('validation.required')),
      grades: {
        key: (v) => (/^[a-z0-9][a-z0-9-]*$/.test(v) ? null : t('audits.schemes.keyRule')),
        label: (v) => (v.trim() ? null : t('validation.required')),
      },
    },
  });
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t('audits.schemes.create')}
      submitLabel={t('audits.schemes.createSubmit')}
      form={form}
      size="lg"
      onSubmit={async (values, idempotencyKey) => {
        const created = await api.post<GradeScheme>('/api/v1/audits/grade-schemes', values, {
          idempotencyKey,
        });
        await queryClient.invalidateQueries({ queryKey: auditsKeys.schemes });
        notify({ message: t('audits.schemes.created', { name: created.name }) });
      }}
    >
      <TextInput
        label={t('audits.fields.certificationBody')}
        required
        {...form.getInputProps('name')}
      />
      <Stack gap="xs">
        {form.values.grades.map((_grade, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place by position
          <Group key={index} align="flex-end" gap="xs" wrap="nowrap">
            <TextInput
              label={t('audits.schemes.key', { n: index + 1 })}
              w={120}
              {...form.getInputProps(`grades.${index}.key`)}
            />
            <TextInput
              label={t('audits.schemes.label', { n: index + 1 })}
              style={{ flex: 1 }}
              {...form.getInputProps(`grades.${index}.label`)}
            />
            <Select
              label={t('audits.schemes.kind', { n: index + 1 })}
              w={230}
              allowDeselect={false}
              data={GRADE_KINDS.map((k) => ({ value: k, label: t(`audits.kinds.${k}`) }))}
              {...form.getInputProps(`grades.${index}.kind`)}
            />
            <Button
              variant="subtle"
              color="red"
              aria-label={t('audits.schemes.remove', { n: index + 1 })}
              disabled={form.values.grades.length <= 1}
              onClick={() => form.removeListItem('grades', index)}
            >
              <IconTrash size={16} aria-hidden />
            </Button>
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() =>
              form.insertListItem('grades', { key: '', label: '', kind: 'observation' })
            }
          >
            {t('audits.schemes.addGrade')}
          </Button>
        </Group>
      </Stack>
    </FormDialog>
  );
}
