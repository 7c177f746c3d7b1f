import { Badge, Button, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, isVersionConflict } from '../../api/client';
import { DateTime, useDateFormat } from '../../ui/dates';
import { HistoryTimeline } from '../../ui/history-timeline';
import { notify } from '../../ui/notify';
import { Fact, Facts, PageHeader, RecordLayout, Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { UnsavedChangesGuard } from '../../ui/record-form';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { UserName, UserSelect } from '../admin-users/user-select';
import { usePermissions } from '../auth/session';
import { ServiceName, ServiceSelect } from '../catalogue/service-select';
import { localOf } from '../sla-calendars/zoned';
import {
  AFTER_DEPLOYMENT,
  RELEASE_TYPES,
  type Release,
  type ReleaseStatus,
  type ReleaseType,
  releaseQuery,
  releasesKeys,
  updateRelease,
} from './api';
import { windowOf } from './release-create-dialog';
import { CriteriaSection } from './release-criteria';
import { DecisionSection, OutcomeSection } from './release-decision';
import { ChangesSection, IncidentsSection } from './release-links';
import { MoveButtons } from './release-move';
import { blockerText, ReleaseStatusBadge } from './release-status';

const route = getRouteApi('/app/releases/$releaseId');
/** Too early to say a release is ready to deploy, even with nothing in the way. */
const EARLY: readonly ReleaseStatus[] = ['planning', 'building'];

export function ReleaseRecordPage() {
  const { t } = useTranslation();
  const { releaseId } = route.useParams();
  const query = useQuery(releaseQuery(releaseId));
  // A failed background refresh keeps the release on screen; only a failed first load replaces it.
  if (query.data) return <ReleaseRecord release={query.data} />;
  if (query.isPending) return <RecordSkeleton />;
  return (
    <>
      <PageHeader
        title={t('modules.releases.label')}
        crumbs={[{ label: t('modules.releases.label'), to: '/releases' }]}
      />
      <RecordError
        error={query.error}
        onRetry={() => void query.refetch()}
        backTo="/releases"
        backLabel={t('releases.backToBoard')}
      />
    </>
  );
}

function ReleaseRecord({ release }: { release: Release }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const editable = can('releases.manage') && release.status !== 'closed';
  const blockers = release.readiness.deployBlockers;
  return (
    <>
      <PageHeader
        title={`${release.number} · ${release.title}`}
        crumbs={[{ label: t('modules.releases.label'), to: '/releases' }]}
        meta={
          <>
            <ReleaseStatusBadge status={release.status} size="md" />
            <Badge variant="outline" color={release.type === 'emergency' ? 'red' : 'gray'}>
              {t(`releases.types.${release.type}`)}
            </Badge>
            <Badge variant="light">{release.versionLabel}</Badge>
            <Text size="sm" c="dimmed">
              <ServiceName id={release.serviceId} />
            </Text>
          </>
        }
      />
      <RecordLayout
        main={
          <>
            {editable && (
              <Section title={t('releases.move.title')}>
                <MoveButtons key={release.version} release={release} />
              </Section>
            )}
            <DetailsSection key={release.version} release={release} editable={editable} />
            <CriteriaSection release={release} editable={editable} />
            <ChangesSection release={release} editable={editable} />
            <DecisionSection key={`d${release.version}`} release={release} editable={editable} />
            <OutcomeSection release={release} />
            <IncidentsSection release={release} editable={editable} />
            <Section title={t('history.title')}>
              <HistoryTimeline
                entity={`release:${release.id}`}
                fieldLabel={(field) => fieldLabelOf(field, release, t)}
                formatValue={(field, value) => formatValue(field, value, t)}
                omitFields={['number', 'decidedBy', 'decidedAt', 'deployedAt', 'closedAt']}
              />
            </Section>
          </>
        }
        side={
          <>
            <Section title={t('releases.readiness.title')}>
              <Stack gap="xs">
                <Text size="sm">
                  {t('releases.readiness.criteria', {
                    passed: release.readiness.criteriaPassed,
                    total: release.readiness.criteriaTotal,
                  })}
                </Text>
                <Text size="sm">
                  {t('releases.readiness.changes', {
                    approved: release.readiness.changesApproved,
                    total: release.readiness.changesTotal,
                  })}
                </Text>
                {AFTER_DEPLOYMENT.includes(release.status) &&
                release.status !== 'deploying' ? null : blockers.length === 0 ? (
                  EARLY.includes(release.status) ? null : (
                    <Text size="sm" c="green">
                      {t('releases.readiness.clear')}
                    </Text>
                  )
                ) : (
                  <Stack gap={2}>
                    <Text size="sm" fw={500}>
                      {t('releases.readiness.blocked')}
                    </Text>
                    {blockers.map((b) => (
                      <Text key={b.code} size="sm" c="dimmed">
                        • {blockerText(b, t)}
                      </Text>
                    ))}
                  </Stack>
                )}
              </Stack>
            </Section>
            <Section title={t('record.facts')}>
              <Facts>
                <Fact label={t('releases.fields.status')}>
                  {t(`releases.statuses.${release.status}`)}
                </Fact>
                <Fact label={t('releases.fields.managerId')}>
                  <UserName id={release.managerId} />
                </Fact>
                <Fact label={t('releases.fields.window')}>
                  {release.plannedStart ? (
                    <>
                      <DateTime value={release.plannedStart} /> →{' '}
                      <DateTime value={release.plannedEnd} />
                    </>
                  ) : (
                    t('releases.board.noWindow')
                  )}
                </Fact>
                <Fact label={t('releases.fields.deployedAt')}>
                  <DateTime value={release.deployedAt} />
                </Fact>
                {release.closedAt && (
                  <Fact label={t('releases.fields.closedAt')}>
                    <DateTime value={release.closedAt} />
                  </Fact>
                )}
                <Fact label={t('common.createdAt')}>
                  <DateTime value={release.createdAt} />
                </Fact>
                <Fact label={t('common.updatedAt')}>
                  <DateTime value={release.updatedAt} />
                </Fact>
              </Facts>
            </Section>
          </>
        }
      />
    </>
  );
}

const FIELDS = [
  'title',
  'description',
  'type',
  'versionLabel',
  'serviceId',
  'status',
  'managerId',
  'plannedStart',
  'plannedEnd',
  'deploymentPlan',
  'rollbackPlan',
  'decision',
  'decisionComment',
  'outcomeResult',
  'outcome',
] as const;

function fieldLabelOf(field: string, release: Release, t: TFunction): string {
  const [kind, id, attribute] = field.split('/');
  if (kind === 'criteria') {
    const criterion = release.criteria.find((c) => c.id === id);
    const name = criterion ? `“${criterion.description}”` : '';
    return attribute
      ? t('releases.history.criterionField', {
          criterion: name,
          field: t(
            `releases.criteria.${attribute === 'result' ? 'result' : attribute === 'evidence' ? 'evidence' : 'description'}`,
          ),
        })
      : t('releases.history.criterion', { criterion: name });
  }
  if (kind === 'changes') return t('releases.history.change');
  if (kind === 'incidents') return t('releases.history.incident');
  return (FIELDS as readonly string[]).includes(field)
    ? t(`releases.fields.${field as (typeof FIELDS)[number]}`)
    : field;
}

function formatValue(field: string, value: unknown, t: TFunction): ReactNode {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'status') return t(`releases.statuses.${value as ReleaseStatus}`);
  if (field === 'type') return t(`releases.types.${value as ReleaseType}`);
  if (field === 'decision') return t(`releases.decisions.${value as 'go' | 'no_go'}`);
  if (field === 'managerId' && typeof value === 'string') return <UserName id={value} />;
  if (field === 'serviceId' && typeof value === 'string') return <ServiceName id={value} />;
  if ((field === 'plannedStart' || field === 'plannedEnd') && typeof value === 'string')
    return <DateTime value={value} />;
  if (field.endsWith('/result') && typeof value === 'string')
    return t(`releases.criterionResults.${value as 'passed'}`);
  if (typeof value === 'object') {
    const v = value as { description?: string; result?: string };
    return v.description ?? JSON.stringify(value);
  }
  return String(value);
}

function DetailsSection({ release, editable }: { release: Release; editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { timeZone } = useDateFormat();
  const initial = {
    title: release.title,
    type: release.type,
    versionLabel: release.versionLabel,
    serviceId: release.serviceId,
    managerId: release.managerId,
    plannedStart: release.plannedStart ? localOf(new Date(release.plannedStart), timeZone) : '',
    plannedEnd: release.plannedEnd ? localOf(new Date(release.plannedEnd), timeZone) : '',
    description: release.description,
    deploymentPlan: release.deploymentPlan,
    rollbackPlan: release.rollbackPlan,
  };
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const changed = (Object.keys(initial) as (keyof typeof initial)[]).filter(
    (key) => values[key] !== initial[key],
  );
  const set = <K extends keyof typeof initial>(key: K, value: (typeof initial)[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };

  if (!editable)
    return (
      <Section title={t('record.details')}>
        <Stack gap="sm">
          <ReadOnly label={t('releases.fields.description')} value={release.description} />
          <ReadOnly label={t('releases.fields.deploymentPlan')} value={release.deploymentPlan} />
          <ReadOnly label={t('releases.fields.rollbackPlan')} value={release.rollbackPlan} />
        </Stack>
      </Section>
    );

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    const window = windowOf(values.plannedStart, values.plannedEnd, timeZone, t);
    if ('errors' in window) {
      setErrors(window.errors);
      return;
    }
    const patch: Record<string, unknown> = {};
    for (const key of changed) {
      if (key === 'plannedStart' || key === 'plannedEnd') {
        patch.plannedStart = window.plannedStart;
        patch.plannedEnd = window.plannedEnd;
      } else patch[key] = typeof values[key] === 'string' ? values[key].trim() : values[key];
    }
    if (!values.title.trim()) return setErrors({ title: t('validation.required') });
    if (!values.versionLabel.trim()) return setErrors({ versionLabel: t('validation.required') });
    setSaving(true);
    setError(null);
    try {
      const saved = await updateRelease(release.id, patch, release.version);
      queryClient.setQueryData(releasesKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: releasesKeys.boards });
      void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
      notify({ color: 'green', message: t('record.saved') });
    } catch (failure) {
      if (isApiError(failure)) setErrors(failure.fieldErrors());
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Section title={t('record.details')}>
      <UnsavedChangesGuard when={changed.length > 0 && !saving} />
      <form onSubmit={(event) => void save(event)} noValidate>
        <Stack gap="sm">
          {error !== null && (
            <ProblemAlert error={error}>
              {isVersionConflict(error) && (
                <Button
                  variant="default"
                  size="xs"
                  mt="xs"
                  onClick={() =>
                    void queryClient.invalidateQueries({
                      queryKey: releasesKeys.detail(release.id),
                    })
                  }
                >
                  {t('releases.reload')}
                </Button>
              )}
            </ProblemAlert>
          )}
          <TextInput
            label={t('releases.fields.title')}
            value={values.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={errors.title}
            required
            maxLength={200}
          />
          <Group grow align="flex-start">
            <Select
              label={t('releases.fields.type')}
              data={RELEASE_TYPES.map((type) => ({
                value: type,
                label: t(`releases.types.${type}`),
              }))}
              value={values.type}
              onChange={(value) => value && set('type', value as ReleaseType)}
              allowDeselect={false}
            />
            <TextInput
              label={t('releases.fields.versionLabel')}
              value={values.versionLabel}
              onChange={(e) => set('versionLabel', e.currentTarget.value)}
              error={errors.versionLabel}
              required
              maxLength={60}
            />
            <ServiceSelect
              label={t('releases.fields.serviceId')}
              value={values.serviceId}
              onChange={(value) => value && set('serviceId', value)}
              error={errors.serviceId}
              required
            />
          </Group>
          <UserSelect
            label={t('releases.fields.managerId')}
            value={values.managerId}
            onChange={(value) => set('managerId', value)}
            error={errors.managerId}
          />
          <Group grow align="flex-start">
            <TextInput
              type="datetime-local"
              label={t('releases.fields.plannedStart')}
              description={t('releases.window.zone', { zone: timeZone })}
              value={values.plannedStart}
              onChange={(e) => set('plannedStart', e.currentTarget.value)}
              error={errors.plannedStart}
            />
            <TextInput
              type="datetime-local"
              label={t('releases.fields.plannedEnd')}
              description={t('releases.window.zone', { zone: timeZone })}
              value={values.plannedEnd}
              onChange={(e) => set('plannedEnd', e.currentTarget.value)}
              error={errors.plannedEnd}
            />
          </Group>
          <Textarea
            label={t('releases.fields.description')}
            value={values.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Textarea
            label={t('releases.fields.deploymentPlan')}
            value={values.deploymentPlan}
            onChange={(e) => set('deploymentPlan', e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Textarea
            label={t('releases.fields.rollbackPlan')}
            value={values.rollbackPlan}
            onChange={(e) => set('rollbackPlan', e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={saving} disabled={changed.length === 0}>
              {t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function ReadOnly({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {value || '—'}
      </Text>
    </div>
  );
}
