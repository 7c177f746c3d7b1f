import { Box, Button, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../api/client';
import {
  PRIORITIES,
  SLA_CLOCKS,
  type SlaPolicy,
  type SlaPolicyConditions,
  type SlaTarget,
} from '../../api/types';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { DateTime } from '../../ui/dates';
import { HistoryTimeline } from '../../ui/history-timeline';
import { AnchorLink } from '../../ui/links';
import { notify } from '../../ui/notify';
import { Fact, Facts, PageHeader, RecordLayout, Section } from '../../ui/page';
import { RecordNotices, UnsavedChangesGuard, useRecordForm } from '../../ui/record-form';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { StatusBadge } from '../../ui/status-badge';
import { usePermissions } from '../auth/session';
import { CalendarName } from '../sla-calendars/calendar-select';
import { errorScopeClass } from '../sla-calendars/field-error';
import { deletePolicy, type PolicyBody, policiesKeys, policyQuery, updatePolicy } from './api';
import {
  conditionsOf,
  policyProblems,
  type TargetsValue,
  targetsOf,
  toPolicyValues,
  withBreach,
} from './model';
import { conditionsSummary } from './policies-list-page';
import { PolicyEditor, useStatusLabel, useTargetText } from './policy-editor';

const route = getRouteApi('/app/sla/policies/$policyId');

export function PolicyRecordPage() {
  const { t } = useTranslation();
  const { policyId } = route.useParams();
  const query = useQuery(policyQuery(policyId));
  if (query.isPending) return <RecordSkeleton />;
  if (query.isError) {
    return (
      <>
        <PageHeader
          title={t('modules.slaPolicies.label')}
          crumbs={[{ label: t('modules.slaPolicies.label'), to: '/sla/policies' }]}
        />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/sla/policies"
          backLabel={t('policies.backToList')}
        />
      </>
    );
  }
  return (
    <div className={errorScopeClass}>
      <PolicyRecord policy={query.data} refetch={async () => (await query.refetch()).data} />
    </div>
  );
}

const FIELDS = [
  'name',
  'order',
  'active',
  'calendarId',
  'conditions',
  'targets',
  'thresholds',
  'pauseOn',
] as const;

function fieldLabelOf(field: string, t: TFunction): string {
  return (FIELDS as readonly string[]).includes(field)
    ? t(`policies.fields.${field as (typeof FIELDS)[number]}`)
    : field;
}

function usePolicyFormatter() {
  const { t } = useTranslation();
  const targetText = useTargetText();
  const statusLabel = useStatusLabel();
  const targetsText = (targets: Record<string, Record<string, SlaTarget | undefined>>) =>
    SLA_CLOCKS.map(
      (clock) =>
        `${t(`sla.clocks.${clock}`)}: ${PRIORITIES.map(
          (priority) => `${priority} ${targetText(targets[clock]?.[priority])}`,
        ).join(', ')}`,
    ).join(' · ');
  return (field: string, value: unknown): ReactNode | undefined => {
    if (value === null || value === undefined) return undefined;
    switch (field) {
      case 'active':
        return value ? t('policies.status.active') : t('policies.status.inactive');
      case 'calendarId':
        return typeof value === 'string' ? <CalendarName id={value} /> : undefined;
      case 'conditions':
        return conditionsSummary(value as SlaPolicyConditions, t);
      case 'targets': {
        const targets = value as Record<string, Record<string, unknown>>;
        // Form values carry cells ({kind, amount, unit}); the history carries API targets.
        const first = Object.values(targets.first_response ?? {})[0] as { amount?: unknown };
        return first && 'amount' in first
          ? targetsText(targetsOf(value as TargetsValue))
          : targetsText(value as SlaPolicy['targets']);
      }
      case 'thresholds':
        return (value as number[]).map((n) => `${n} %`).join(', ');
      case 'pauseOn': {
        const pauseOn = value as SlaPolicy['pauseOn'];
        return SLA_CLOCKS.map(
          (clock) =>
            `${t(`sla.clocks.${clock}`)}: ${
              (pauseOn[clock] ?? []).map(statusLabel).join(', ') || t('policies.pause.never')
            }`,
        ).join(' · ');
      }
      default:
        return undefined;
    }
  };
}

interface PolicyRecordProps {
  policy: SlaPolicy;
  refetch: () => Promise<SlaPolicy | undefined>;
}

function PolicyRecord({ policy, refetch }: PolicyRecordProps) {
  const { t } = useTranslation();
  const can = usePermissions();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [deleteOpened, remove] = useDisclosure(false);
  const manage = can('sla.manage');
  const format = usePolicyFormatter();
  const targetText = useTargetText();

  const record = useRecordForm({
    record: policy,
    toValues: toPolicyValues,
    normalize: (values) => ({
      ...values,
      name: values.name.trim(),
      order: Number(values.order),
      thresholds: withBreach(values.thresholds),
    }),
    save: (changes, version) => {
      const patch: Partial<PolicyBody> = {};
      if (changes.name !== undefined) patch.name = changes.name;
      if (changes.order !== undefined) patch.order = Number(changes.order);
      if (changes.active !== undefined) patch.active = changes.active;
      if (changes.calendarId) patch.calendarId = changes.calendarId;
      if (changes.conditions) patch.conditions = conditionsOf(changes.conditions);
      if (changes.targets) patch.targets = targetsOf(changes.targets);
      if (changes.thresholds) patch.thresholds = withBreach(changes.thresholds);
      if (changes.pauseOn) patch.pauseOn = changes.pauseOn;
      return updatePolicy(policy.id, patch, version);
    },
    reload: refetch,
    onSaved: (saved) => {
      queryClient.setQueryData(policiesKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: policiesKeys.lists });
      void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
      notify({ color: 'green', message: t('record.saved') });
    },
  });
  const { form } = record;

  const submit = (event?: React.FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const problems = policyProblems(form.getValues());
    if (Object.keys(problems).length > 0) {
      form.setErrors(problems);
      notify({ color: 'red', message: t('policies.problems.fix') });
      return;
    }
    record.submit();
  };

  const fieldLabel = (field: string) => fieldLabelOf(field, t);
  const formatValue = (field: string, value: unknown) =>
    format(field, value) ?? (value === null || value === '' ? '—' : String(value));

  return (
    <>
      <UnsavedChangesGuard when={record.dirty} />
      <PageHeader
        title={policy.name}
        crumbs={[{ label: t('modules.slaPolicies.label'), to: '/sla/policies' }]}
        meta={
          <>
            {policy.active ? (
              <StatusBadge tone="done" label={t('policies.status.active')} size="sm" />
            ) : (
              <StatusBadge tone="inactive" label={t('policies.status.inactive')} size="sm" />
            )}
            <Text size="sm" c="dimmed">
              {t('policies.meta', {
                order: policy.order,
                conditions: conditionsSummary(policy.conditions, t),
              })}
            </Text>
          </>
        }
        actions={
          manage && (
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              onClick={remove.open}
            >
              {t('actions.delete')}
            </Button>
          )
        }
      />
      <RecordLayout
        main={
          <>
            <form onSubmit={submit} noValidate aria-label={t('policies.formLabel')}>
              <Stack gap="lg">
                <PolicyEditor form={form} readOnly={!manage} />
                {manage && (
                  <Box
                    py="sm"
                    style={{
                      position: 'sticky',
                      bottom: 0,
                      zIndex: 3,
                      background: 'var(--mantine-color-body)',
                      borderTop: '1px solid var(--mantine-color-default-border)',
                    }}
                  >
                    <Stack gap="xs">
                      <RecordNotices
                        record={record}
                        fieldLabel={fieldLabel}
                        formatValue={formatValue}
                      />
                      <Group gap="xs">
                        <Button type="submit" loading={record.saving} disabled={!record.dirty}>
                          {t('actions.save')}
                        </Button>
                        <Button
                          variant="default"
                          onClick={record.discard}
                          disabled={!record.dirty || record.saving}
                        >
                          {t('actions.discard')}
                        </Button>
                        {record.dirty && (
                          <Text size="sm" c="dimmed">
                            {t('policies.unsavedHint')}
                          </Text>
                        )}
                      </Group>
                    </Stack>
                  </Box>
                )}
              </Stack>
            </form>
            <Section title={t('history.title')}>
              <HistoryTimeline
                entity={`sla_policy:${policy.id}`}
                fieldLabel={fieldLabel}
                formatValue={format}
              />
            </Section>
          </>
        }
        side={
          <Section title={t('record.facts')}>
            <Facts>
              <Fact label={t('policies.fields.order')}>{policy.order}</Fact>
              <Fact label={t('policies.fields.calendarId')}>
                <AnchorLink
                  to="/sla/calendars/$calendarId"
                  params={{ calendarId: policy.calendarId }}
                  size="sm"
                >
                  <CalendarName id={policy.calendarId} />
                </AnchorLink>
              </Fact>
              <Fact label={t('policies.fields.conditions')}>
                {conditionsSummary(policy.conditions, t)}
              </Fact>
              {SLA_CLOCKS.map((clock) => (
                <Fact key={clock} label={t(`sla.clocks.${clock}`)}>
                  {PRIORITIES.map((priority) => (
                    <span key={priority} style={{ display: 'block' }}>
                      {priority}: {targetText(policy.targets[clock][priority])}
                    </span>
                  ))}
                </Fact>
              ))}
              <Fact label={t('policies.fields.thresholds')}>
                {policy.thresholds.map((n) => `${n} %`).join(', ')}
              </Fact>
              <Fact label={t('common.createdAt')}>
                <DateTime value={policy.createdAt} />
              </Fact>
              <Fact label={t('common.updatedAt')}>
                <DateTime value={policy.updatedAt} />
              </Fact>
            </Facts>
          </Section>
        }
      />
      <ConfirmDialog
        opened={deleteOpened}
        onClose={remove.close}
        title={t('policies.delete.title', { name: policy.name })}
        description={t('policies.delete.description')}
        confirmLabel={t('actions.delete')}
        danger
        onConfirm={async () => {
          try {
            await deletePolicy(policy.id, policy.version);
          } catch (error) {
            if (isVersionConflict(error)) await refetch();
            throw error;
          }
          queryClient.removeQueries({ queryKey: policiesKeys.detail(policy.id) });
          void queryClient.invalidateQueries({ queryKey: policiesKeys.lists });
          notify({ color: 'green', message: t('policies.delete.done', { name: policy.name }) });
          await navigate({ to: '/sla/policies' });
        }}
      />
    </>
  );
}
