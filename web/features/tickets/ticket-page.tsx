import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconGitMerge, IconPencil, IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShortcuts } from '../../ui/keyboard';
import { PageHeader, RecordLayout, Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { useSession } from '../auth/session';
import { TicketProblemsPanel } from '../problems/ticket-problems-panel';
import { type TicketDetail, ticketQuery } from './api';
import { type EditorHandle, ReplyEditor, TicketTimeline } from './conversation';
import {
  MajorIncidentBadge,
  PriorityBadge,
  resolutionLabel,
  TicketStatus,
  typeLabel,
} from './labels';
import { RequestDetails } from './request-details';
import { StatusActions } from './status-actions';
import {
  FactsSection,
  FieldsSection,
  FilesSection,
  LinksSection,
  SlaSection,
  WatchersSection,
} from './ticket-side';
import { type TicketActions, useTicketActions } from './use-ticket-actions';

const route = getRouteApi('/app/desk/tickets/$id');

export function TicketPage() {
  const { t } = useTranslation();
  const { id } = route.useParams();
  const query = useQuery(ticketQuery(id));

  if (query.isPending) return <RecordSkeleton />;
  if (query.isError) {
    return (
      <>
        <PageHeader
          title={t('modules.desk.label')}
          crumbs={[{ label: t('modules.desk.label'), to: '/desk' }]}
        />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/desk"
          backLabel={t('desk.backToQueues')}
        />
      </>
    );
  }
  return <TicketRecord ticket={query.data} ticketKey={id} />;
}

function TicketRecord({ ticket, ticketKey }: { ticket: TicketDetail; ticketKey: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const actions = useTicketActions(ticket, ticketKey);
  const editor = useRef<EditorHandle>(null);
  const [editOpened, edit] = useDisclosure(false);
  const work = ticket.canWork;
  const open = ticket.status !== 'closed';

  useShortcuts(
    [
      [
        'r',
        (event) => {
          event.preventDefault();
          editor.current?.focus('public');
        },
      ],
      [
        'n',
        (event) => {
          event.preventDefault();
          editor.current?.focus('internal');
        },
      ],
      [
        'a',
        (event) => {
          if (ticket.assigneeId === user.id) return;
          event.preventDefault();
          void actions.patch({ assigneeId: user.id });
        },
      ],
    ],
    work && open,
  );

  return (
    <>
      <PageHeader
        title={
          <>
            <Text span inherit ff="monospace" c="dimmed" mr="xs">
              {ticket.number}
            </Text>
            {ticket.title}
          </>
        }
        documentTitle={`${ticket.number} ${ticket.title}`}
        crumbs={[{ label: t('modules.desk.label'), to: '/desk' }]}
        meta={
          <>
            <PriorityBadge priority={ticket.priority} long size="md" />
            <TicketStatus status={ticket.status} holdReason={ticket.holdReason} size="md" />
            {ticket.majorIncident && <MajorIncidentBadge size="md" />}
            <Text size="sm" c="dimmed">
              {typeLabel(t, ticket.type)} · {t('desk.raisedBy', { name: ticket.requesterName })}
              {ticket.serviceName ? ` · ${ticket.serviceName}` : ''}
            </Text>
          </>
        }
        actions={work && <StatusActions ticket={ticket} actions={actions} />}
      />
      {actions.conflict && <ConflictBanner actions={actions} />}
      <RecordLayout
        main={
          <>
            <Section
              title={t('desk.sections.description')}
              actions={
                work &&
                open && (
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    leftSection={<IconPencil size={14} aria-hidden />}
                    onClick={edit.open}
                  >
                    {t('desk.edit.open')}
                  </Button>
                )
              }
            >
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {ticket.description || t('desk.noDescription')}
              </Text>
              {ticket.resolutionCode && (
                <Alert
                  mt="sm"
                  color="green"
                  variant="light"
                  title={t('desk.resolvedAs', { code: resolutionLabel(t, ticket.resolutionCode) })}
                >
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {ticket.resolutionNotes}
                  </Text>
                </Alert>
              )}
            </Section>
            <RequestDetails ticket={ticket} actions={actions} />
            <Section title={t('desk.sections.conversation')}>
              <Stack gap="md">
                <ReplyEditor ref={editor} ticket={ticket} actions={actions} />
                <TicketTimeline ticketKey={ticketKey} />
              </Stack>
            </Section>
          </>
        }
        side={
          <>
            <SlaSection ticket={ticket} />
            <FieldsSection ticket={ticket} actions={actions} />
            <WatchersSection ticket={ticket} actions={actions} />
            <LinksSection ticket={ticket} actions={actions} />
            <FilesSection ticket={ticket} />
            <TicketProblemsPanel ticket={ticket} />
            <FactsSection ticket={ticket} />
          </>
        }
      />
      {work && (
        <EditDialog ticket={ticket} actions={actions} opened={editOpened} onClose={edit.close} />
      )}
      {work && open && (
        <Text size="xs" c="dimmed" mt="md">
          {t('desk.keyboardHint')}
        </Text>
      )}
    </>
  );
}

function ConflictBanner({ actions }: { actions: TicketActions }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconGitMerge aria-hidden />}
      title={t('desk.conflict.title')}
      role="alert"
      mb="md"
    >
      <Stack gap="xs">
        <Text size="sm">{t('desk.conflict.description')}</Text>
        <Group>
          <Button
            size="xs"
            leftSection={<IconRefresh size={14} aria-hidden />}
            onClick={() => void actions.reload()}
          >
            {t('desk.conflict.reload')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

interface EditDialogProps {
  ticket: TicketDetail;
  actions: TicketActions;
  opened: boolean;
  onClose: () => void;
}

/** Title and description; a conflict keeps what was typed and offers to reload. */
function EditDialog({ ticket, actions, opened, onClose }: EditDialogProps) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(ticket.title);
  const [description, setDescription] = useState(ticket.description);
  // biome-ignore lint/correctness/useExhaustiveDependencies: start from the stored text on open
  useEffect(() => {
    if (opened) {
      setTitle(ticket.title);
      setDescription(ticket.description);
    }
  }, [opened]);
  const dirty = title !== ticket.title || description !== ticket.description;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('desk.edit.title', { number: ticket.number })}
      size="lg"
      closeOnClickOutside={!dirty}
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (!title.trim()) return;
          const patch = {
            ...(title.trim() !== ticket.title ? { title: title.trim() } : {}),
            ...(description !== ticket.description ? { description } : {}),
          };
          if (Object.keys(patch).length === 0 || (await actions.patch(patch))) onClose();
        }}
        noValidate
      >
        <Stack gap="sm">
          {actions.conflict && (
            <Alert color="orange" variant="light" title={t('desk.conflict.title')} role="alert">
              <Text size="sm">{t('desk.conflict.dialog')}</Text>
            </Alert>
          )}
          {actions.error !== null && <ProblemAlert error={actions.error} />}
          <TextInput
            label={t('desk.fields.title')}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            required
            maxLength={200}
            error={title.trim() ? undefined : t('validation.required')}
          />
          <Textarea
            label={t('desk.fields.description')}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            autosize
            minRows={5}
            maxRows={16}
          />
          <Group justify="flex-end" gap="xs">
            {actions.conflict && (
              <Button
                variant="default"
                leftSection={<IconRefresh size={14} aria-hidden />}
                onClick={() => void actions.reload()}
              >
                {t('desk.conflict.reload')}
              </Button>
            )}
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={actions.busy} disabled={!dirty || !title.trim()}>
              {t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
