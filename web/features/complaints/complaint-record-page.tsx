import { Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, isVersionConflict } from '../../api/client';
import { DateTime } from '../../ui/dates';
import { HistoryTimeline } from '../../ui/history-timeline';
import { notify } from '../../ui/notify';
import { Fact, Facts, PageHeader, RecordLayout, Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { UnsavedChangesGuard } from '../../ui/record-form';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { UserName } from '../admin-users/user-select';
import { RaiseImprovementButton } from '../improvements/raise-improvement-button';
import {
  type Complaint,
  type ComplaintStatus,
  complaintQuery,
  complaintsKeys,
  NEXT_STATUSES,
  updateComplaint,
} from './api';
import { ComplaintStatusBadge } from './complaint-status';

const route = getRouteApi('/app/complaints/$complaintId');
const FIELDS = ['summary', 'status', 'resolution', 'resolvedAt', 'ownerId'] as const;

export function ComplaintRecordPage() {
  const { t } = useTranslation();
  const { complaintId } = route.useParams();
  const query = useQuery(complaintQuery(complaintId));
  const crumbs = [{ label: t('modules.complaints.label'), to: '/complaints' }];
  if (query.isPending) return <RecordSkeleton />;
  if (query.isError)
    return (
      <>
        <PageHeader title={t('modules.complaints.label')} crumbs={crumbs} />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/complaints"
          backLabel={t('complaints.backToList')}
        />
      </>
    );
  return <ComplaintRecord key={query.data.version} complaint={query.data} />;
}

function fieldLabelOf(field: string, t: TFunction): string {
  return (FIELDS as readonly string[]).includes(field)
    ? t(`complaints.fields.${field as (typeof FIELDS)[number]}`)
    : field;
}

function ComplaintRecord({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ComplaintStatus>(complaint.status);
  const [resolution, setResolution] = useState(complaint.resolution ?? '');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const dirty = status !== complaint.status || resolution !== (complaint.resolution ?? '');
  const resolving = status === 'resolved' || status === 'closed';
  const resolutionMissing = resolving && !resolution.trim();
  const choices = [complaint.status, ...NEXT_STATUSES[complaint.status]];

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (resolutionMissing) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await updateComplaint(
        complaint.id,
        {
          ...(status !== complaint.status ? { status } : {}),
          ...(resolution !== (complaint.resolution ?? '')
            ? { resolution: resolution.trim() || null }
            : {}),
        },
        complaint.version,
      );
      queryClient.setQueryData(complaintsKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: complaintsKeys.lists });
      void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
      notify({ color: 'green', message: t('record.saved') });
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  const reload = () =>
    void queryClient.invalidateQueries({ queryKey: complaintsKeys.detail(complaint.id) });

  return (
    <>
      <UnsavedChangesGuard when={dirty && !saving} />
      <PageHeader
        title={complaint.number}
        crumbs={[{ label: t('modules.complaints.label'), to: '/complaints' }]}
        meta={
          <Group gap="xs">
            <ComplaintStatusBadge status={complaint.status} />
            <Text size="sm" c="dimmed">
              {t('complaints.raisedOn')} <DateTime value={complaint.createdAt} />
            </Text>
          </Group>
        }
        actions={
          <RaiseImprovementButton
            source="complaint"
            sourceId={complaint.id}
            sourceLabel={complaint.number}
            defaultTitle={complaint.summary.split('\n')[0]?.slice(0, 200) ?? complaint.number}
            defaultDescription={complaint.summary}
          />
        }
      />
      <RecordLayout
        main={
          <>
            <Section title={t('complaints.fields.summary')}>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{complaint.summary}</Text>
            </Section>
            <Section title={t('complaints.handling')}>
              <form onSubmit={(event) => void save(event)} noValidate>
                <Stack gap="sm">
                  {error !== null && (
                    <ProblemAlert error={error}>
                      {isVersionConflict(error) && (
                        <Button variant="default" size="xs" mt="xs" onClick={reload}>
                          {t('complaints.reload')}
                        </Button>
                      )}
                    </ProblemAlert>
                  )}
                  <Select
                    label={t('complaints.fields.status')}
                    data={choices.map((value) => ({
                      value,
                      label: t(`complaints.statuses.${value}`),
                    }))}
                    value={status}
                    onChange={(value) => value && setStatus(value as ComplaintStatus)}
                    allowDeselect={false}
                    disabled={choices.length === 1}
                    description={choices.length === 1 ? t('complaints.closedHint') : undefined}
                  />
                  <Textarea
                    label={t('complaints.fields.resolution')}
                    description={t('complaints.resolutionHint')}
                    value={resolution}
                    onChange={(event) => setResolution(event.currentTarget.value)}
                    required={resolving}
                    error={
                      resolutionMissing
                        ? t('complaints.resolutionRequired')
                        : isApiError(error)
                          ? error.fieldErrors().resolution
                          : undefined
                    }
                    autosize
                    minRows={3}
                    disabled={complaint.status === 'closed'}
                  />
                  <Group justify="flex-end">
                    <Button type="submit" loading={saving} disabled={!dirty}>
                      {t('actions.save')}
                    </Button>
                  </Group>
                </Stack>
              </form>
            </Section>
            <Section title={t('history.title')}>
              <HistoryTimeline
                entity={`complaint:${complaint.id}`}
                fieldLabel={(field) => fieldLabelOf(field, t)}
                formatValue={(field, value) =>
                  field === 'status' && typeof value === 'string' ? (
                    t(`complaints.statuses.${value as ComplaintStatus}`)
                  ) : field === 'ownerId' && typeof value === 'string' ? (
                    <UserName id={value} />
                  ) : value === null || value === '' ? (
                    '—'
                  ) : (
                    String(value)
                  )
                }
                omitFields={['ticketId', 'surveyId', 'serviceId', 'complainantId', 'number']}
              />
            </Section>
          </>
        }
        side={
          <Section title={t('record.facts')}>
            <Facts>
              <Fact label={t('complaints.fields.ownerId')}>
                {complaint.ownerId ? <UserName id={complaint.ownerId} /> : t('complaints.noOwner')}
              </Fact>
              <Fact label={t('complaints.fields.complainantId')}>
                {complaint.complainantId ? <UserName id={complaint.complainantId} /> : '—'}
              </Fact>
              <Fact label={t('complaints.fields.source')}>
                {complaint.surveyId
                  ? t('complaints.sources.survey')
                  : t('complaints.sources.staff')}
              </Fact>
              <Fact label={t('complaints.fields.resolvedAt')}>
                <DateTime value={complaint.resolvedAt} />
              </Fact>
              <Fact label={t('common.updatedAt')}>
                <DateTime value={complaint.updatedAt} />
              </Fact>
            </Facts>
          </Section>
        }
      />
    </>
  );
}
