import { Alert, Group, List, Stack, Text } from '@mantine/core';
import { IconBolt } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/dates';
import { HistoryTimeline } from '../../ui/history-timeline';
import { AnchorLink } from '../../ui/links';
import { Fact, Facts, PageHeader, RecordLayout, Section } from '../../ui/page';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { UserName } from '../admin-users/user-select';
import { usePermissions } from '../auth/session';
import { GroupName } from '../catalogue/group-select';
import { type Change, type ChangeStatus, changeQuery, policyQuery } from './api';
import { ApprovalPanel } from './approval-panel';
import { ChangeActions } from './change-actions';
import { ChangeForm, changeFieldLabel } from './change-form';
import { ChangeStatusBadge, ChangeTypeBadge, RiskBadge } from './labels';
import { ReviewSection } from './review-form';
import { ServiceNames } from './service-multi-select';
import { WindowRange } from './window-range';

const route = getRouteApi('/app/changes/$changeId');

export function ChangeRecordPage() {
  const { t } = useTranslation();
  const { changeId } = route.useParams();
  const query = useQuery(changeQuery(changeId));
  const crumbs = [{ label: t('modules.changes.label'), to: '/changes' }];
  if (query.isPending) return <RecordSkeleton />;
  if (query.isError)
    return (
      <>
        <PageHeader title={t('modules.changes.label')} crumbs={crumbs} />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/changes"
          backLabel={t('changes.backToList')}
        />
      </>
    );
  return <ChangeRecord change={query.data} reload={async () => (await query.refetch()).data} />;
}

function historyValue(field: string, value: unknown, t: TFunction): ReactNode {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'status' && typeof value === 'string')
    return t(`changes.statuses.${value as ChangeStatus}`);
  if (field === 'serviceIds' && Array.isArray(value)) return <ServiceNames ids={value} />;
  if ((field === 'assigneeId' || field === 'requesterId') && typeof value === 'string')
    return <UserName id={value} />;
  if (field === 'groupId' && typeof value === 'string') return <GroupName id={value} />;
  const vocabulary: Record<string, string> = {
    approval: 'approvalStates',
    type: 'types',
    impact: 'impacts',
    riskLevel: 'risk.levels',
    closeCode: 'closeCodes',
  };
  if (vocabulary[field] && typeof value === 'string') {
    const dynamicT = t as unknown as (key: string, options: { defaultValue: string }) => string;
    return dynamicT(`changes.${vocabulary[field]}.${value}`, { defaultValue: value });
  }
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function ChangeRecord({
  change,
  reload,
}: {
  change: Change;
  reload: () => Promise<Change | undefined>;
}) {
  const { t } = useTranslation();
  const can = usePermissions();
  const policy = useQuery(policyQuery);
  const [dirty, setDirty] = useState(false);
  const awaitingRetrospective =
    change.retrospectiveApprovalRequired && change.approval !== 'approved';

  const voteFirst = change.canVote;
  const reviewFirst = change.status === 'review' && can('changes.submit');
  const approvals = (
    <Section title={t('changes.sections.approvals')}>
      <Stack gap="xs">
        <Text size="sm" fw={500}>
          {t('changes.approvals.state', {
            state: t(`changes.approvalStates.${change.approval}`),
          })}
        </Text>
        <ApprovalPanel change={change} />
      </Stack>
    </Section>
  );
  const review = (
    <Section title={t('changes.sections.review')}>
      <ReviewSection change={change} canWrite={can('changes.submit')} />
    </Section>
  );

  return (
    <>
      <PageHeader
        title={change.title}
        documentTitle={`${change.number} ${change.title}`}
        crumbs={[{ label: t('modules.changes.label'), to: '/changes' }]}
        meta={
          <>
            <Text size="sm" fw={600}>
              {change.number}
            </Text>
            <ChangeStatusBadge status={change.status} closeCode={change.closeCode} />
            <ChangeTypeBadge type={change.type} />
            <RiskBadge level={change.riskLevel} score={change.riskScore} />
            {change.major && (
              <Text size="sm" fw={500}>
                {t('changes.majorBadge')}
              </Text>
            )}
          </>
        }
        actions={<ChangeActions change={change} blocked={dirty} />}
      />
      <RecordLayout
        main={
          <>
            {change.type === 'emergency' && (
              <Alert
                color={awaitingRetrospective ? 'red' : 'orange'}
                variant="light"
                icon={<IconBolt aria-hidden />}
                title={t('changes.emergency.title')}
              >
                {awaitingRetrospective
                  ? t('changes.emergency.retrospective')
                  : t('changes.emergency.description')}
              </Alert>
            )}
            {/* What waits for the reader comes first: their vote, or the review to record. */}
            {voteFirst && approvals}
            {reviewFirst && review}
            <ChangeForm
              change={change}
              policy={policy.data}
              reload={reload}
              onDirtyChange={setDirty}
            />
            {!voteFirst && approvals}
            {!reviewFirst && review}
            <Section title={t('history.title')}>
              <HistoryTimeline
                entity={`change:${change.id}`}
                fieldLabel={(field) => changeFieldLabel(field, t)}
                formatValue={(field, value) => historyValue(field, value, t)}
                omitFields={['number', 'version']}
              />
            </Section>
          </>
        }
        side={<ChangeFacts change={change} />}
      />
    </>
  );
}

function ChangeFacts({ change }: { change: Change }) {
  const { t } = useTranslation();
  return (
    <>
      <Section title={t('record.facts')}>
        <Facts>
          <Fact label={t('changes.fields.requesterId')}>
            <UserName id={change.requesterId} />
          </Fact>
          <Fact label={t('changes.fields.assigneeId')}>
            {change.assigneeId ? <UserName id={change.assigneeId} /> : '—'}
          </Fact>
          <Fact label={t('changes.fields.groupId')}>
            {change.groupId ? <GroupName id={change.groupId} /> : '—'}
          </Fact>
          <Fact label={t('changes.fields.serviceIds')}>
            <ServiceNames ids={change.serviceIds} />
          </Fact>
          <Fact label={t('changes.facts.plannedWindow')}>
            <WindowRange
              start={change.plannedStart}
              end={change.plannedEnd}
              empty={t('changes.facts.notScheduled')}
            />
          </Fact>
          {change.actualStart && (
            <Fact label={t('changes.facts.actualWindow')}>
              {change.actualEnd ? (
                <WindowRange start={change.actualStart} end={change.actualEnd} />
              ) : (
                <>
                  <DateTime value={change.actualStart} /> – …
                </>
              )}
            </Fact>
          )}
          <Fact label={t('changes.fields.riskLevel')}>
            <RiskBadge level={change.riskLevel} score={change.riskScore} />
          </Fact>
          <Fact label={t('changes.fields.impact')}>{t(`changes.impacts.${change.impact}`)}</Fact>
          <Fact label={t('changes.facts.major')}>
            {change.major ? t('common.yes') : t('common.no')}
          </Fact>
          <Fact label={t('changes.facts.underControl')}>
            {change.underControl ? t('common.yes') : t('common.no')}
          </Fact>
          <Fact label={t('changes.fields.approval')}>
            {t(`changes.approvalStates.${change.approval}`)}
          </Fact>
          {change.closeCode && (
            <Fact label={t('changes.fields.closeCode')}>
              {t(`changes.closeCodes.${change.closeCode}`)}
              {change.closeNotes ? ` — ${change.closeNotes}` : ''}
            </Fact>
          )}
          <Fact label={t('common.createdAt')}>
            <DateTime value={change.createdAt} />
          </Fact>
          <Fact label={t('common.updatedAt')}>
            <DateTime value={change.updatedAt} />
          </Fact>
        </Facts>
      </Section>
      <Section title={t('changes.sections.related')}>
        <Stack gap="xs">
          <Text size="xs" c="dimmed" fw={500}>
            {t('changes.fields.problemIds')}
          </Text>
          {change.problems.length === 0 ? (
            <Text size="sm">—</Text>
          ) : (
            <List size="sm" spacing={2}>
              {change.problems.map((problem) => (
                <List.Item key={problem.id}>
                  <Group gap={4} wrap="nowrap">
                    <AnchorLink
                      to="/problems/$problemId"
                      params={{ problemId: problem.id }}
                      size="sm"
                      fw={500}
                    >
                      {problem.number}
                    </AnchorLink>
                    <Text size="sm" span>
                      {problem.title}
                    </Text>
                  </Group>
                </List.Item>
              ))}
            </List>
          )}
          <Text size="xs" c="dimmed" fw={500}>
            {t('changes.fields.incidentIds')}
          </Text>
          {change.incidents.length === 0 ? (
            <Text size="sm">—</Text>
          ) : (
            <List size="sm" spacing={2}>
              {change.incidents.map((incident) => (
                <List.Item key={incident.id}>
                  <Group gap={4} wrap="nowrap">
                    <AnchorLink
                      to="/desk/tickets/$id"
                      params={{ id: incident.number }}
                      size="sm"
                      fw={500}
                    >
                      {incident.number}
                    </AnchorLink>
                    <Text size="sm" span>
                      {incident.title}
                    </Text>
                  </Group>
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      </Section>
    </>
  );
}
