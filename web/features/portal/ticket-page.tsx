import { Alert, Button, Group, List, Stack, Text, Textarea } from '@mantine/core';
import {
  IconCircleCheck,
  IconCircleX,
  IconInfoCircle,
  IconMoodCheck,
  IconRotateClockwise,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { Attachments } from '../../ui/attachments';
import { DateTime, useDateFormat } from '../../ui/dates';
import { notify } from '../../ui/notify';
import { Fact, Facts, PageHeader, RecordLayout, Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { useSession } from '../auth/session';
import type { FormField } from '../catalogue/api';
import { PersonName } from '../catalogue/person-select';
import {
  approvalsQuery,
  closeOrReopen,
  decideApproval,
  type PortalApproval,
  type PortalTicket,
  portalKeys,
  ticketQuery,
} from './api';
import { Conversation } from './conversation';
import { ApprovalState, categoryLabel, dynamicLabel, PortalStatus } from './labels';
import classes from './portal.module.css';

const route = getRouteApi('/app/portal/tickets/$id');

/** A ticket as its requester (or an approver) sees it. */
export function PortalTicketPage() {
  const { t } = useTranslation();
  const { id } = route.useParams();
  const query = useQuery(ticketQuery(id));
  const crumbs = [
    { label: t('portal.home.title'), to: '/portal' },
    { label: t('portal.myTickets.title'), to: '/portal/tickets' },
  ];
  if (query.isPending) return <RecordSkeleton />;
  if (query.isError)
    return (
      <>
        <PageHeader title={id} crumbs={crumbs} />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/portal/tickets"
          backLabel={t('portal.ticket.backToList')}
        />
      </>
    );
  return <TicketView ticket={query.data} />;
}

function TicketView({ ticket }: { ticket: PortalTicket }) {
  const { t } = useTranslation();
  const { user } = useSession();
  // Approvers come from their Approvals page; the ticket is not in their own list.
  const back =
    ticket.requesterId === user.id
      ? { label: t('portal.myTickets.title'), to: '/portal/tickets' }
      : { label: t('portal.approvals.title'), to: '/portal/approvals' };
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const typeLabel = dynamicLabel(t, `portal.types.${ticket.type}`, ticket.type);

  return (
    <div className={classes.scope}>
      <PageHeader
        title={`${ticket.number} · ${ticket.title}`}
        crumbs={[{ label: t('portal.home.title'), to: '/portal' }, back]}
        meta={
          <>
            <PortalStatus status={ticket.status} holdReason={ticket.holdReason} size="md" />
            <Text size="sm" c="dimmed">
              {typeLabel}
              {ticket.serviceName ? ` · ${ticket.serviceName}` : ''}
            </Text>
          </>
        }
      />
      <RecordLayout
        main={
          <>
            <MyApprovalStep ticket={ticket} />
            {ticket.status === 'resolved' && (
              <ResolvedPanel ticket={ticket} onReopened={() => replyRef.current?.focus()} />
            )}
            <Section title={t('portal.ticket.asked')}>
              <AskedFor ticket={ticket} />
            </Section>
            <Section title={t('portal.ticket.conversation')}>
              <Conversation ticket={ticket} textareaRef={replyRef} />
            </Section>
          </>
        }
        side={
          <>
            <Section title={t('portal.ticket.facts')}>
              <Facts>
                <Fact label={t('portal.fields.status')}>
                  <PortalStatus status={ticket.status} holdReason={ticket.holdReason} />
                </Fact>
                <Fact label={t('portal.fields.service')}>
                  {ticket.serviceName ?? t('portal.ticket.noService')}
                </Fact>
                {ticket.requestTypeName && (
                  <Fact label={t('portal.fields.requestType')}>{ticket.requestTypeName}</Fact>
                )}
                {ticket.type === 'incident' && (
                  <Fact label={t('portal.fields.category')}>
                    {categoryLabel(t, ticket.category)}
                  </Fact>
                )}
                <Fact label={t('portal.fields.requester')}>{ticket.requesterName}</Fact>
                <Fact label={t('portal.fields.handledBy')}>
                  {ticket.assigneeName ?? ticket.groupName ?? t('portal.ticket.notYetAssigned')}
                </Fact>
                <Fact label={t('portal.fields.raised')}>
                  <DateTime value={ticket.createdAt} />
                </Fact>
                <Fact label={t('portal.fields.updated')}>
                  <DateTime value={ticket.updatedAt} format="relative" />
                </Fact>
              </Facts>
            </Section>
            {ticket.approvals.length > 0 && (
              <Section title={t('portal.ticket.approvals')}>
                <ApprovalsProgress approvals={ticket.approvals} />
              </Section>
            )}
            <Section title={t('portal.ticket.attachments')}>
              <Attachments
                ownerType="ticket"
                ownerId={ticket.id}
                canUpload={ticket.status !== 'closed'}
              />
            </Section>
          </>
        }
      />
    </div>
  );
}

function formatAnswer(
  field: FormField,
  value: unknown,
  t: TFunction,
  date: (value: string) => string,
): React.ReactNode {
  if (value === undefined || value === null || value === '') return t('portal.ticket.noAnswer');
  switch (field.kind) {
    case 'checkbox':
      return value === true ? t('common.yes') : t('common.no');
    case 'multi-select':
      return Array.isArray(value) && value.length ? value.join(', ') : t('portal.ticket.noAnswer');
    case 'date':
      return typeof value === 'string' ? date(`${value}T12:00:00Z`) : String(value);
    case 'user':
      return typeof value === 'string' ? <PersonName id={value} /> : String(value);
    default:
      return String(value);
  }
}

function AskedFor({ ticket }: { ticket: PortalTicket }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const fields = ticket.formFields as FormField[];
  const answered = fields.filter((field) => field.key in ticket.formAnswers);
  return (
    <Stack gap="md">
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {ticket.description || (
          <Text span c="dimmed" size="sm">
            {t('portal.ticket.noDescription')}
          </Text>
        )}
      </Text>
      {answered.length > 0 && (
        <Facts>
          {fields.map((field) => (
            <Fact key={field.key} label={field.label}>
              {formatAnswer(field, ticket.formAnswers[field.key], t, format.date)}
            </Fact>
          ))}
        </Facts>
      )}
    </Stack>
  );
}

function approverOf(approval: PortalApproval, t: TFunction): string {
  if (approval.decidedByName) return approval.decidedByName;
  if (approval.approverName) return approval.approverName;
  if (approval.groupName) return t('portal.approvals.group', { name: approval.groupName });
  return dynamicLabel(t, `portal.approvals.kinds.${approval.kind}`, approval.kind);
}

function ApprovalsProgress({ approvals }: { approvals: PortalApproval[] }) {
  const { t } = useTranslation();
  return (
    <List spacing="sm" listStyleType="none" p={0}>
      {[...approvals]
        .sort((a, b) => a.step - b.step)
        .map((approval) => (
          <List.Item key={approval.id}>
            <Stack gap={2}>
              <Group gap="xs" wrap="nowrap" justify="space-between">
                <Text size="sm" fw={500}>
                  {t('portal.approvals.step', { step: approval.step })} · {approverOf(approval, t)}
                </Text>
                <ApprovalState state={approval.state} />
              </Group>
              {approval.decidedAt && (
                <Text size="xs" c="dimmed">
                  <DateTime value={approval.decidedAt} />
                </Text>
              )}
              {approval.comment && (
                <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
                  “{approval.comment}”
                </Text>
              )}
            </Stack>
          </List.Item>
        ))}
    </List>
  );
}

/** Approve or reject, when the pending step of this request waits for the signed-in user. */
function MyApprovalStep({ ticket }: { ticket: PortalTicket }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const inbox = useQuery(approvalsQuery);
  const [comment, setComment] = useState('');
  const [needComment, setNeedComment] = useState(false);
  const mine = ticket.approvals.find(
    (approval) =>
      approval.state === 'pending' && inbox.data?.some((waiting) => waiting.id === approval.id),
  );
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'reject') =>
      decideApproval(ticket.id, mine?.id ?? '', decision, comment.trim()),
    onSuccess: (_result, decision) => {
      setComment('');
      notify({
        color: 'green',
        message:
          decision === 'approve'
            ? t('portal.approvals.approved', { number: ticket.number })
            : t('portal.approvals.rejected', { number: ticket.number }),
      });
      void queryClient.invalidateQueries({ queryKey: portalKeys.all });
    },
  });
  if (!mine) return null;
  const reject = () => {
    if (!comment.trim()) {
      setNeedComment(true);
      return;
    }
    decide.mutate('reject');
  };
  return (
    <Section title={t('portal.approvals.yourDecision')}>
      <Stack gap="sm">
        <Text size="sm">{t('portal.approvals.decisionIntro', { name: ticket.requesterName })}</Text>
        <Textarea
          label={t('portal.approvals.comment')}
          description={t('portal.approvals.commentHint')}
          value={comment}
          onChange={(event) => {
            setComment(event.currentTarget.value);
            setNeedComment(false);
          }}
          error={needComment ? t('portal.approvals.commentRequired') : undefined}
          autosize
          minRows={2}
          maxLength={5000}
        />
        {decide.isError && <ProblemAlert error={decide.error} />}
        <Group gap="xs">
          <Button
            leftSection={<IconCircleCheck size={16} aria-hidden />}
            loading={decide.isPending && decide.variables === 'approve'}
            disabled={decide.isPending}
            onClick={() => decide.mutate('approve')}
          >
            {t('portal.approvals.approve')}
          </Button>
          <Button
            variant="default"
            leftSection={<IconCircleX size={16} aria-hidden />}
            loading={decide.isPending && decide.variables === 'reject'}
            disabled={decide.isPending}
            onClick={reject}
          >
            {t('portal.approvals.reject')}
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}

/** "Is it fixed?": close it, or reopen it within the desk's reopen window. */
function ResolvedPanel({ ticket, onReopened }: { ticket: PortalTicket; onReopened: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (status: 'closed' | 'in_progress') =>
      closeOrReopen(ticket.number, status, ticket.version),
    onSuccess: (_result, status) => {
      notify({
        color: 'green',
        message:
          status === 'closed'
            ? t('portal.resolved.closedDone', { number: ticket.number })
            : t('portal.resolved.reopenedDone', { number: ticket.number }),
      });
      void queryClient.invalidateQueries({ queryKey: portalKeys.all });
      if (status === 'in_progress') setTimeout(onReopened, 100);
    },
  });
  const windowPassed = isApiError(change.error) && change.error.code === 'REOPEN_WINDOW_PASSED';
  const conflict = isApiError(change.error) && change.error.status === 412;
  return (
    <Alert variant="light" icon={<IconMoodCheck aria-hidden />} title={t('portal.resolved.title')}>
      <Stack gap="sm">
        {ticket.resolutionNotes && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {ticket.resolutionNotes}
          </Text>
        )}
        <Text size="sm">{t('portal.resolved.question')}</Text>
        <Group gap="xs">
          <Button
            leftSection={<IconCircleCheck size={16} aria-hidden />}
            loading={change.isPending && change.variables === 'closed'}
            disabled={change.isPending}
            onClick={() => change.mutate('closed')}
          >
            {t('portal.resolved.close')}
          </Button>
          <Button
            variant="default"
            leftSection={<IconRotateClockwise size={16} aria-hidden />}
            loading={change.isPending && change.variables === 'in_progress'}
            disabled={change.isPending || windowPassed}
            onClick={() => change.mutate('in_progress')}
          >
            {t('portal.resolved.reopen')}
          </Button>
        </Group>
        {windowPassed ? (
          <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />} role="alert">
            <Text size="sm">{t('portal.resolved.windowPassed')}</Text>
            {isApiError(change.error) && change.error.problem.detail && (
              <Text size="sm" c="dimmed">
                {change.error.problem.detail}
              </Text>
            )}
          </Alert>
        ) : conflict ? (
          <ProblemAlert
            error={change.error}
            onRetry={() => void queryClient.invalidateQueries({ queryKey: portalKeys.all })}
          />
        ) : (
          change.isError && <ProblemAlert error={change.error} />
        )}
      </Stack>
    </Alert>
  );
}
