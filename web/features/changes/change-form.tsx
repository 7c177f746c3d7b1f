import {
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../ui/dates';
import { notify } from '../../ui/notify';
import { Section } from '../../ui/page';
import { RecordNotices, UnsavedChangesGuard, useRecordForm } from '../../ui/record-form';
import { UserName, UserSelect } from '../admin-users/user-select';
import { GroupName, GroupSelect } from '../catalogue/group-select';
import { fromWallValue, toWallValue } from '../change-calendar/zoned-time';
import {
  CHANGE_TYPES,
  type Change,
  type ChangePolicy,
  type ChangeType,
  changesKeys,
  IMPACTS,
  type Impact,
  scheduleConflictsOf,
  type UpdateChangeBody,
  updateChange,
} from './api';
import { ApprovalPreview, LiveConflicts } from './change-form-panels';
import { IncidentMultiSelect, ProblemMultiSelect } from './record-pickers';
import { RiskQuestionnaire } from './risk-questionnaire';
import { ScheduleConflictPanel } from './schedule-conflicts';
import { ServiceMultiSelect, ServiceNames } from './service-multi-select';

interface FormValues extends Record<string, unknown> {
  type: ChangeType;
  title: string;
  description: string;
  reason: string;
  serviceIds: string[];
  /** Wall-clock times in the user's time zone, as the pickers hold them. */
  plannedStart: string | null;
  plannedEnd: string | null;
  implementationPlan: string;
  testPlan: string;
  backoutPlan: string;
  riskAnswers: Record<string, string>;
  impact: Impact;
  majorRequested: boolean;
  assigneeId: string | null;
  groupId: string | null;
  problemIds: string[];
  incidentIds: string[];
}

/** A field's label for the conflict panel and the history (its name when it has none). */
export function changeFieldLabel(field: string, t: TFunction): string {
  const dynamicT = t as unknown as (key: string, options: { defaultValue: string }) => string;
  return dynamicT(`changes.fields.${field}`, { defaultValue: field });
}

/**
 * What the server no longer lets change at each stage (docs: PATCH /changes/{id}): the assessed
 * scope once submitted, and the planned window too once work has started.
 */
function lockedFields(change: Change): Set<string> {
  const scope = ['type', 'serviceIds', 'riskAnswers', 'impact', 'majorRequested'];
  if (change.status === 'awaiting_approval' || change.status === 'scheduled') return new Set(scope);
  if (change.status === 'implementing' || change.status === 'review')
    return new Set([...scope, 'plannedStart', 'plannedEnd']);
  return new Set();
}

interface ChangeFormProps {
  change: Change;
  policy: ChangePolicy | undefined;
  reload: () => Promise<Change | undefined>;
  /** Reports unsaved edits, so lifecycle actions wait for them. */
  onDirtyChange: (dirty: boolean) => void;
}

/** The request for change: what, why, where, when, how, how risky, and what it relates to. */
export function ChangeForm({ change, policy, reload, onDirtyChange }: ChangeFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { timeZone } = useDateFormat();
  const override = useRef<string | null>(null);
  const [overriding, setOverriding] = useState(false);
  const editable = change.canEdit;

  const toValues = (record: Change): FormValues => ({
    type: record.type,
    title: record.title,
    description: record.description,
    reason: record.reason,
    serviceIds: record.serviceIds,
    plannedStart: toWallValue(record.plannedStart, timeZone),
    plannedEnd: toWallValue(record.plannedEnd, timeZone),
    implementationPlan: record.implementationPlan,
    testPlan: record.testPlan,
    backoutPlan: record.backoutPlan,
    riskAnswers: record.riskAnswers,
    impact: record.impact,
    majorRequested: record.majorRequested,
    assigneeId: record.assigneeId,
    groupId: record.groupId,
    problemIds: record.problems.map((problem) => problem.id),
    incidentIds: record.incidents.map((incident) => incident.id),
  });

  const record = useRecordForm({
    record: change,
    toValues,
    validate: {
      title: (value: string) => (value.trim() ? null : t('validation.required')),
      plannedEnd: (value: string | null, values: FormValues) =>
        value && values.plannedStart && value <= values.plannedStart
          ? t('changes.schedule.endBeforeStart')
          : (value === null) !== (values.plannedStart === null)
            ? t('changes.schedule.both')
            : null,
    },
    normalize: (values) => ({ ...values, title: values.title.trim() }),
    save: (changes, version) => {
      const { plannedStart, plannedEnd, ...rest } = changes;
      const body: UpdateChangeBody = { ...rest };
      // The server checks a window as a whole: send both ends when either moved.
      if (plannedStart !== undefined || plannedEnd !== undefined) {
        const values = record.form.getValues();
        body.plannedStart = fromWallValue(values.plannedStart, timeZone);
        body.plannedEnd = fromWallValue(values.plannedEnd, timeZone);
      }
      if (override.current) body.scheduleOverride = { justification: override.current };
      return updateChange(change.id, body, version);
    },
    reload,
    onSaved: (saved) => {
      override.current = null;
      setOverriding(false);
      queryClient.setQueryData(changesKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: changesKeys.lists });
      void queryClient.invalidateQueries({ queryKey: ['change-calendar'] });
      void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
      notify({ color: 'green', message: t('record.saved') });
    },
  });
  const { form } = record;
  const values = form.getValues();
  const conflicts = scheduleConflictsOf(record.error);
  if (overriding && !conflicts) setOverriding(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: report changes of the flag only
  useEffect(() => onDirtyChange(record.dirty), [record.dirty]);

  const fieldLabel = (field: string) => changeFieldLabel(field, t);
  const formatValue = (field: string, value: unknown): ReactNode => {
    if (value === null || value === '' || value === undefined) return '—';
    if (field === 'serviceIds' && Array.isArray(value)) return <ServiceNames ids={value} />;
    if (field === 'assigneeId' && typeof value === 'string') return <UserName id={value} />;
    if (field === 'groupId' && typeof value === 'string') return <GroupName id={value} />;
    if (field === 'type') return t(`changes.types.${value as ChangeType}`);
    if (field === 'impact') return t(`changes.impacts.${value as Impact}`);
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
  // A standard change stays standard (it comes from a template); normal and emergency may swap
  // while the change is still being prepared.
  const typeEditable =
    change.type !== 'standard' && (change.status === 'draft' || change.status === 'assessment');
  const typeChoices =
    change.type === 'standard' ? CHANGE_TYPES : CHANGE_TYPES.filter((type) => type !== 'standard');
  const locked = (field: keyof FormValues & string) => !editable || lockedFields(change).has(field);
  // Read-only rather than disabled: what cannot change must stay easy to read.
  const input = (field: keyof FormValues & string) => ({
    ...form.getInputProps(field),
    readOnly: locked(field),
  });

  return (
    <form onSubmit={record.submit} noValidate>
      <UnsavedChangesGuard when={record.dirty && !record.saving} />
      <Stack gap="lg">
        {(record.conflict || (record.error !== null && !conflicts)) && (
          <RecordNotices record={record} fieldLabel={fieldLabel} formatValue={formatValue} />
        )}
        {conflicts && (
          <ScheduleConflictPanel
            conflicts={conflicts}
            busy={record.saving}
            onOverride={(justification) => {
              override.current = justification;
              setOverriding(true);
              record.keepMine();
            }}
            onDismiss={() => document.getElementById('change-planned-start')?.focus()}
          />
        )}
        <Section title={t('changes.sections.request')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Select
                label={t('changes.fields.type')}
                data={typeChoices.map((type) => ({
                  value: type,
                  label: t(`changes.types.${type}`),
                }))}
                allowDeselect={false}
                {...input('type')}
                readOnly={locked('type') || !typeEditable}
                description={typeEditable ? t('changes.typeSwitch') : t('changes.typeFixed')}
              />
              <Select
                label={t('changes.fields.impact')}
                data={IMPACTS.map((impact) => ({
                  value: impact,
                  label: t(`changes.impacts.${impact}`),
                }))}
                allowDeselect={false}
                {...input('impact')}
              />
            </SimpleGrid>
            <TextInput label={t('changes.fields.title')} required {...input('title')} />
            <Textarea
              label={t('changes.fields.description')}
              autosize
              minRows={3}
              {...input('description')}
            />
            <Textarea
              label={t('changes.fields.reason')}
              description={t('changes.hints.reason')}
              autosize
              minRows={2}
              {...input('reason')}
            />
            <ServiceMultiSelect
              label={t('changes.fields.serviceIds')}
              value={values.serviceIds}
              onChange={(ids) => form.setFieldValue('serviceIds', ids)}
              error={form.errors.serviceIds}
              disabled={locked('serviceIds')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <GroupSelect
                label={t('changes.fields.groupId')}
                value={values.groupId}
                onChange={(id) => form.setFieldValue('groupId', id)}
                error={form.errors.groupId}
                disabled={!editable}
              />
              <UserSelect
                label={t('changes.fields.assigneeId')}
                value={values.assigneeId}
                onChange={(id) => form.setFieldValue('assigneeId', id)}
                error={form.errors.assigneeId}
                disabled={!editable}
              />
            </SimpleGrid>
            <Checkbox
              label={t('changes.fields.majorRequested')}
              description={t('changes.hints.majorRequested')}
              {...form.getInputProps('majorRequested', { type: 'checkbox' })}
              disabled={locked('majorRequested')}
            />
          </Stack>
        </Section>

        <Section title={t('changes.sections.schedule')}>
          <Stack gap="sm">
            {/* Native date-time inputs: typed or picked, with the keyboard, in every browser. */}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                id="change-planned-start"
                type="datetime-local"
                label={t('changes.fields.plannedStart')}
                {...input('plannedStart')}
                value={values.plannedStart ?? ''}
                onChange={(event) =>
                  form.setFieldValue('plannedStart', event.currentTarget.value || null)
                }
              />
              <TextInput
                id="change-planned-end"
                type="datetime-local"
                label={t('changes.fields.plannedEnd')}
                min={values.plannedStart ?? undefined}
                {...input('plannedEnd')}
                value={values.plannedEnd ?? ''}
                onChange={(event) =>
                  form.setFieldValue('plannedEnd', event.currentTarget.value || null)
                }
              />
            </SimpleGrid>
            <Text size="xs" c="dimmed">
              {t('changes.schedule.timeZone', { timeZone })}
            </Text>
            <LiveConflicts
              changeId={change.id}
              serviceIds={values.serviceIds}
              start={fromWallValue(values.plannedStart, timeZone)}
              end={fromWallValue(values.plannedEnd, timeZone)}
            />
            {change.scheduleOverride && (
              <Alert color="orange" variant="light" title={t('changes.conflicts.overridden')}>
                <Stack gap={4}>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {change.scheduleOverride.justification}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('changes.conflicts.overriddenBy', { name: change.scheduleOverride.byName })}
                  </Text>
                </Stack>
              </Alert>
            )}
          </Stack>
        </Section>

        <Section title={t('changes.sections.plans')}>
          <Stack gap="sm">
            <Textarea
              label={t('changes.fields.implementationPlan')}
              autosize
              minRows={3}
              {...input('implementationPlan')}
            />
            <Textarea
              label={t('changes.fields.testPlan')}
              autosize
              minRows={2}
              {...input('testPlan')}
            />
            <Textarea
              label={t('changes.fields.backoutPlan')}
              autosize
              minRows={2}
              {...input('backoutPlan')}
            />
          </Stack>
        </Section>

        <Section title={t('changes.sections.risk')}>
          {policy ? (
            <Stack gap="md">
              <RiskQuestionnaire
                policy={policy}
                value={values.riskAnswers}
                onChange={(answers) => form.setFieldValue('riskAnswers', answers)}
                disabled={locked('riskAnswers')}
                errorOf={(key) => form.errors[`riskAnswers.${key}`]}
              />
              {/* Once submitted, the steps themselves are shown in the approvals section. */}
              {!locked('riskAnswers') && (
                <ApprovalPreview
                  type={values.type}
                  serviceIds={values.serviceIds}
                  riskAnswers={values.riskAnswers}
                  majorRequested={values.majorRequested}
                />
              )}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {t('common.loading')}
            </Text>
          )}
        </Section>

        <Section title={t('changes.sections.links')}>
          <Stack gap="sm">
            <ProblemMultiSelect
              label={t('changes.fields.problemIds')}
              value={values.problemIds}
              onChange={(ids) => form.setFieldValue('problemIds', ids)}
              known={change.problems}
              error={form.errors.problemIds}
              disabled={!editable}
            />
            <IncidentMultiSelect
              label={t('changes.fields.incidentIds')}
              value={values.incidentIds}
              onChange={(ids) => form.setFieldValue('incidentIds', ids)}
              known={change.incidents}
              error={form.errors.incidentIds}
              disabled={!editable}
            />
          </Stack>
        </Section>

        {editable && (
          <Paper
            withBorder
            p="sm"
            radius="sm"
            shadow={record.dirty ? 'md' : undefined}
            // Follows the user down the long form only while there is something to save.
            style={record.dirty ? { position: 'sticky', bottom: 8, zIndex: 5 } : undefined}
          >
            <Group justify="space-between" gap="xs">
              <Text size="sm" c="dimmed">
                {record.dirty ? t('record.unsavedHint') : t('changes.noUnsaved')}
              </Text>
              <Group gap="xs">
                <Button variant="default" onClick={record.discard} disabled={!record.dirty}>
                  {t('actions.discard')}
                </Button>
                <Button
                  type="submit"
                  loading={record.saving && !overriding}
                  disabled={!record.dirty}
                >
                  {t('actions.save')}
                </Button>
              </Group>
            </Group>
          </Paper>
        )}
      </Stack>
    </form>
  );
}
