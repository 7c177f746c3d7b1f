import { Alert, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/dates';
import { Fact, Facts, Section } from '../../ui/page';
import { StatusBadge, type StatusTone } from '../../ui/status-badge';
import { PersonName } from '../catalogue/person-select';
import { type TicketDetail, updateTask } from './api';
import { dynamicLabel } from './labels';
import type { TicketActions } from './use-ticket-actions';

// A service request's own parts: the requester's answers to the catalogue form (labelled with the
// form's own labels), the approval steps, the fulfilment tasks with done/cancel buttons, and the
// catalogue's instructions for the desk.

interface FormFieldView {
  key: string;
  label: string;
  kind: string;
}

const isField = (value: unknown): value is FormFieldView =>
  !!value && typeof value === 'object' && 'key' in value && 'label' in value;

const APPROVAL_TONES: Record<string, StatusTone> = {
  waiting: 'inactive',
  pending: 'waiting',
  approved: 'done',
  rejected: 'failed',
  skipped: 'inactive',
};

const TASK_TONES: Record<string, StatusTone> = {
  open: 'inProgress',
  done: 'done',
  cancelled: 'inactive',
};

function Answer({ field, value }: { field: FormFieldView | undefined; value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '') return <>{t('history.none')}</>;
  if (field?.kind === 'user' && typeof value === 'string') return <PersonName id={value} />;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (Array.isArray(value)) return <>{value.map(String).join(', ')}</>;
  if (field?.kind === 'date' && typeof value === 'string') {
    return <DateTime value={value} format="date" />;
  }
  return <>{String(value)}</>;
}

export function RequestDetails({
  ticket,
  actions,
}: {
  ticket: TicketDetail;
  actions: TicketActions;
}) {
  const { t } = useTranslation();
  const fields = ticket.formFields.filter(isField);
  const answers = ticket.formAnswers as Record<string, unknown>;
  const keys = [
    ...fields.map((field) => field.key).filter((key) => key in answers),
    ...Object.keys(answers).filter((key) => !fields.some((field) => field.key === key)),
  ];
  const hasRequestParts =
    ticket.requestTypeName ||
    keys.length > 0 ||
    ticket.approvals.length > 0 ||
    ticket.tasks.length > 0 ||
    ticket.instructions;
  if (!hasRequestParts) return null;
  const canWork = ticket.canWork && ticket.status !== 'closed';

  return (
    <Section
      title={
        ticket.requestTypeName
          ? t('desk.request.titleWithType', { name: ticket.requestTypeName })
          : t('desk.request.title')
      }
    >
      <Stack gap="md">
        {ticket.instructions && (
          <Alert
            variant="light"
            color="blue"
            icon={<IconInfoCircle aria-hidden />}
            title={t('desk.request.instructions')}
          >
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {ticket.instructions}
            </Text>
          </Alert>
        )}
        {keys.length > 0 && (
          <div>
            <Text size="sm" fw={600} mb={6}>
              {t('desk.request.answers')}
            </Text>
            <Facts>
              {keys.map((key) => {
                const field = fields.find((f) => f.key === key);
                return (
                  <Fact key={key} label={field?.label ?? key}>
                    <Answer field={field} value={answers[key]} />
                  </Fact>
                );
              })}
            </Facts>
          </div>
        )}
        {ticket.approvals.length > 0 && (
          <div>
            <Text size="sm" fw={600} mb={6} id="ticket-approvals">
              {t('desk.request.approvals')}
            </Text>
            <Table aria-labelledby="ticket-approvals" verticalSpacing={4} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('desk.request.step')}</Table.Th>
                  <Table.Th scope="col">{t('desk.request.approver')}</Table.Th>
                  <Table.Th scope="col">{t('desk.fields.status')}</Table.Th>
                  <Table.Th scope="col">{t('desk.request.decided')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ticket.approvals.map((approval) => (
                  <Table.Tr key={approval.id}>
                    <Table.Td>
                      {approval.step} ·{' '}
                      {dynamicLabel(
                        t,
                        `desk.request.approvalKinds.${approval.kind}`,
                        approval.kind,
                      )}
                    </Table.Td>
                    <Table.Td>{approval.approverName ?? approval.groupName ?? '—'}</Table.Td>
                    <Table.Td>
                      <StatusBadge
                        size="sm"
                        tone={APPROVAL_TONES[approval.state] ?? 'inactive'}
                        label={dynamicLabel(
                          t,
                          `desk.request.approvalStates.${approval.state}`,
                          approval.state,
                        )}
                      />
                    </Table.Td>
                    <Table.Td>
                      {approval.decidedAt ? (
                        <Stack gap={0}>
                          <Text size="xs">
                            {approval.decidedByName ?? '—'} ·{' '}
                            <DateTime value={approval.decidedAt} />
                          </Text>
                          {approval.comment && (
                            <Text size="xs" c="dimmed">
                              {approval.comment}
                            </Text>
                          )}
                        </Stack>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
        {ticket.tasks.length > 0 && (
          <div>
            <Text size="sm" fw={600} mb={6} id="ticket-tasks">
              {t('desk.request.tasks')}
            </Text>
            <Stack
              gap={6}
              component="ol"
              m={0}
              p={0}
              style={{ listStyle: 'none' }}
              aria-labelledby="ticket-tasks"
            >
              {ticket.tasks.map((task) => (
                <Group
                  key={task.id}
                  component="li"
                  justify="space-between"
                  gap="xs"
                  wrap="nowrap"
                  p={6}
                  style={{
                    border: '1px solid var(--mantine-color-default-border)',
                    borderRadius: 'var(--mantine-radius-sm)',
                  }}
                >
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Text
                      size="sm"
                      fw={500}
                      td={task.status === 'cancelled' ? 'line-through' : undefined}
                    >
                      {task.position}. {task.title}
                    </Text>
                    <Group gap={6}>
                      <StatusBadge
                        size="xs"
                        tone={TASK_TONES[task.status] ?? 'inactive'}
                        label={dynamicLabel(
                          t,
                          `desk.request.taskStates.${task.status}`,
                          task.status,
                        )}
                      />
                      <Text size="xs" c="dimmed">
                        {[task.groupName, task.assigneeName].filter(Boolean).join(' · ') ||
                          t('desk.unassigned')}
                      </Text>
                    </Group>
                  </Stack>
                  {canWork && (
                    <Group gap={4} wrap="nowrap">
                      {task.status === 'open' ? (
                        <>
                          <Button
                            size="compact-sm"
                            variant="light"
                            color="green"
                            aria-label={t('desk.request.doneTask', { title: task.title })}
                            onClick={() =>
                              void actions.run(() => updateTask(ticket.id, task.id, 'done'))
                            }
                          >
                            {t('desk.request.done')}
                          </Button>
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color="gray"
                            aria-label={t('desk.request.cancelTask', { title: task.title })}
                            onClick={() =>
                              void actions.run(() => updateTask(ticket.id, task.id, 'cancelled'))
                            }
                          >
                            {t('desk.request.cancel')}
                          </Button>
                        </>
                      ) : (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          aria-label={t('desk.request.reopenTask', { title: task.title })}
                          onClick={() =>
                            void actions.run(() => updateTask(ticket.id, task.id, 'open'))
                          }
                        >
                          {t('desk.request.reopen')}
                        </Button>
                      )}
                    </Group>
                  )}
                </Group>
              ))}
            </Stack>
          </div>
        )}
        {ticket.approvals.length === 0 && ticket.tasks.length === 0 && keys.length === 0 && (
          <Badge variant="light" color="gray">
            {t('desk.request.nothing')}
          </Badge>
        )}
      </Stack>
    </Section>
  );
}
