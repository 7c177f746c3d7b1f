import {
  Button,
  EmptyState,
  Group,
  Modal,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconGavel } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/links';
import { notify } from '../../ui/notify';
import { PageHeader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import calendarClasses from '../change-calendar/calendar.module.css';
import { changesKeys, type InboxItem, inboxQuery, voteOnChange } from './api';
import { StepSummary } from './approval-panel';
import { ChangeTypeBadge, RiskBadge } from './labels';
import { ServiceNames } from './service-multi-select';
import { WindowRange } from './window-range';

type Decision = 'approve' | 'reject';

/** The CAB inbox: changes whose current approval step waits for my vote. */
export function CabInboxPage() {
  const { t } = useTranslation();
  const query = useQuery(inboxQuery);
  const [deciding, setDeciding] = useState<{ item: InboxItem; decision: Decision } | null>(null);
  return (
    <>
      <PageHeader
        title={t('modules.cabInbox.label')}
        description={t('changes.inbox.description')}
      />
      {query.isPending ? (
        <Stack gap="xs" aria-busy>
          <Skeleton height={36} />
          <Skeleton height={36} />
          <Skeleton height={36} />
        </Stack>
      ) : query.isError ? (
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyState
          py="xl"
          icon={<IconGavel size={28} aria-hidden />}
          title={t('changes.inbox.emptyTitle')}
          description={t('changes.inbox.emptyDescription')}
          withIndicatorBackground
        />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table aria-label={t('modules.cabInbox.label')} verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('changes.fields.number')}</Table.Th>
                <Table.Th scope="col">{t('changes.fields.title')}</Table.Th>
                <Table.Th scope="col">{t('changes.fields.riskLevel')}</Table.Th>
                <Table.Th scope="col">{t('changes.facts.plannedWindow')}</Table.Th>
                <Table.Th scope="col">{t('changes.fields.serviceIds')}</Table.Th>
                <Table.Th scope="col">{t('changes.inbox.step')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((item) => (
                <Table.Tr key={`${item.change.id}:${item.step.id}`}>
                  <Table.Td>
                    <AnchorLink
                      to="/changes/$changeId"
                      params={{ changeId: item.change.id }}
                      fw={500}
                      size="sm"
                    >
                      {item.change.number}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text size="sm">{item.change.title}</Text>
                      <Group gap={4}>
                        <ChangeTypeBadge type={item.change.type} />
                        {item.change.hasConflicts && (
                          <Text size="xs" fw={600} className={calendarClasses.conflict}>
                            <IconAlertTriangle
                              size={12}
                              aria-hidden
                              style={{ verticalAlign: 'middle' }}
                            />{' '}
                            {t('changes.conflicts.short')}
                          </Text>
                        )}
                      </Group>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <RiskBadge level={item.change.riskLevel} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <WindowRange
                        start={item.change.plannedStart}
                        end={item.change.plannedEnd}
                        empty={t('changes.facts.notScheduled')}
                      />
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <ServiceNames ids={item.change.serviceIds} />
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {item.step.name}
                    </Text>
                    <StepSummary step={item.step} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        color="green"
                        leftSection={<IconCircleCheck size={14} aria-hidden />}
                        aria-label={t('changes.inbox.approveNamed', { number: item.change.number })}
                        onClick={() => setDeciding({ item, decision: 'approve' })}
                      >
                        {t('changes.approvals.approve')}
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconCircleX size={14} aria-hidden />}
                        aria-label={t('changes.inbox.rejectNamed', { number: item.change.number })}
                        onClick={() => setDeciding({ item, decision: 'reject' })}
                      >
                        {t('changes.approvals.reject')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <VoteDialog deciding={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}

function VoteDialog({
  deciding,
  onClose,
}: {
  deciding: { item: InboxItem; decision: Decision } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const vote = useMutation({
    mutationFn: (input: { id: string; decision: Decision; comment: string }) =>
      voteOnChange(input.id, input.decision, input.comment),
    onSuccess: (saved, input) => {
      queryClient.setQueryData(changesKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: changesKeys.inbox });
      void queryClient.invalidateQueries({ queryKey: changesKeys.lists });
      void queryClient.invalidateQueries({ queryKey: ['change-calendar'] });
      notify({
        color: 'green',
        message:
          input.decision === 'approve'
            ? t('changes.approvals.approved', { number: saved.number })
            : t('changes.approvals.rejected', { number: saved.number }),
      });
      close();
    },
  });
  const close = () => {
    setComment('');
    setMissing(false);
    vote.reset();
    onClose();
  };
  const number = deciding?.item.change.number ?? '';
  const approve = deciding?.decision === 'approve';
  return (
    <Modal
      opened={deciding !== null}
      onClose={close}
      title={
        approve
          ? t('changes.inbox.approveTitle', { number })
          : t('changes.inbox.rejectTitle', { number })
      }
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      {deciding && (
        <Stack gap="sm">
          <Text size="sm">{deciding.item.change.title}</Text>
          {vote.isError && <ProblemAlert error={vote.error} />}
          <Textarea
            label={t('changes.approvals.comment')}
            description={t('changes.approvals.commentHint')}
            value={comment}
            onChange={(event) => {
              setComment(event.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? t('changes.approvals.commentRequired') : undefined}
            required
            autosize
            minRows={3}
            maxLength={4000}
            data-autofocus
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('actions.cancel')}
            </Button>
            <Button
              color={approve ? 'green' : 'red'}
              loading={vote.isPending}
              onClick={() => {
                if (!comment.trim()) {
                  setMissing(true);
                  return;
                }
                vote.mutate({
                  id: deciding.item.change.id,
                  decision: deciding.decision,
                  comment: comment.trim(),
                });
              }}
            >
              {approve ? t('changes.approvals.approve') : t('changes.approvals.reject')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
