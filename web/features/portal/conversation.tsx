import {
  Box,
  Button,
  Group,
  Kbd,
  Paper,
  Skeleton,
  Stack,
  Text,
  Textarea,
  ThemeIcon,
} from '@mantine/core';
import { IconArrowsExchange, IconMessage, IconSend, IconSparkles } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/dates';
import { ProblemAlert } from '../../ui/problem';
import {
  type PortalTicket,
  type PortalTimelineEntry,
  portalKeys,
  reply,
  timelineQuery,
} from './api';
import { portalStatusLabel } from './labels';

// The conversation as requesters see it: public replies and status moves, oldest first, then
// the reply box (Ctrl+Enter or ⌘+Enter sends).

interface ConversationProps {
  ticket: PortalTicket;
  textareaRef?: React.Ref<HTMLTextAreaElement>;
}

export function Conversation({ ticket, textareaRef }: ConversationProps) {
  const { t } = useTranslation();
  const timeline = useQuery(timelineQuery(ticket.number));
  return (
    <Stack gap="md">
      {timeline.isPending ? (
        <Stack gap="sm" aria-busy>
          <Skeleton height={48} />
          <Skeleton height={48} />
        </Stack>
      ) : timeline.isError ? (
        <ProblemAlert error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : (
        <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {timeline.data
            .filter((entry) => !isNoOp(entry, t))
            .map((entry) => (
              <li key={`${entry.kind}-${entry.id}`}>
                {entry.kind === 'comment' ? (
                  <Message entry={entry} />
                ) : (
                  <ChangeLine entry={entry} t={t} />
                )}
              </li>
            ))}
        </Stack>
      )}
      {ticket.status === 'closed' ? (
        <Text size="sm" c="dimmed">
          {t('portal.conversation.closed')}
        </Text>
      ) : (
        <ReplyBox ticket={ticket} textareaRef={textareaRef} />
      )}
    </Stack>
  );
}

function Message({ entry }: { entry: PortalTimelineEntry }) {
  return (
    <Paper withBorder p="sm" radius="sm">
      <Group gap="xs" mb={4} wrap="nowrap">
        <ThemeIcon size={24} variant="light" radius="xl" aria-hidden>
          <IconMessage size={14} />
        </ThemeIcon>
        <Text size="sm" fw={600}>
          {entry.actorName}
        </Text>
        <Text size="xs" c="dimmed">
          <DateTime value={entry.at} />
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {entry.body}
      </Text>
    </Paper>
  );
}

function statusChange(changes: Record<string, unknown> | null) {
  const change = changes?.status as { from?: unknown; to?: unknown } | undefined;
  return {
    from: typeof change?.from === 'string' ? change.from : null,
    to: typeof change?.to === 'string' ? change.to : null,
  };
}

/** A move the requester cannot tell apart (new → assigned both read "Received"). */
function isNoOp(entry: PortalTimelineEntry, t: TFunction): boolean {
  if (entry.kind !== 'change' || entry.action === 'create') return false;
  const { from, to } = statusChange(entry.changes);
  if (!from || !to) return !entry.changes?.resolutionNotes;
  return portalStatusLabel(t, from) === portalStatusLabel(t, to);
}

function ChangeLine({ entry, t }: { entry: PortalTimelineEntry; t: TFunction }) {
  const { from, to } = statusChange(entry.changes);
  const notes = entry.changes?.resolutionNotes as { to?: unknown } | undefined;
  let text: string;
  if (entry.action === 'create') text = t('portal.conversation.created', { name: entry.actorName });
  else if (to && from)
    text = t('portal.conversation.statusChanged', {
      name: entry.actorName,
      from: portalStatusLabel(t, from),
      to: portalStatusLabel(t, to),
    });
  else if (to)
    text = t('portal.conversation.statusSet', {
      name: entry.actorName,
      to: portalStatusLabel(t, to),
    });
  else text = t('portal.conversation.updated', { name: entry.actorName });
  const Icon = entry.action === 'create' ? IconSparkles : IconArrowsExchange;
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" px="xs">
      <ThemeIcon size={22} variant="light" color="gray" radius="xl" aria-hidden>
        <Icon size={13} />
      </ThemeIcon>
      <Box>
        <Text size="sm">
          {text}{' '}
          <Text span size="xs" c="dimmed">
            <DateTime value={entry.at} format="relative" />
          </Text>
        </Text>
        {typeof notes?.to === 'string' && notes.to && (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {t('portal.conversation.resolutionNotes', { notes: notes.to })}
          </Text>
        )}
      </Box>
    </Group>
  );
}

function ReplyBox({ ticket, textareaRef }: ConversationProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [empty, setEmpty] = useState(false);
  const send = useMutation({
    mutationFn: (text: string) => reply(ticket.number, text),
    onSuccess: () => {
      setBody('');
      void queryClient.invalidateQueries({ queryKey: portalKeys.tickets });
      void queryClient.invalidateQueries({ queryKey: portalKeys.myTickets });
    },
  });
  const submit = () => {
    if (!body.trim()) {
      setEmpty(true);
      return;
    }
    send.mutate(body.trim());
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      noValidate
    >
      <Stack gap="xs">
        <Textarea
          ref={textareaRef}
          label={t('portal.conversation.replyLabel')}
          description={t('portal.conversation.replyHint')}
          placeholder={t('portal.conversation.replyPlaceholder')}
          value={body}
          onChange={(event) => {
            setBody(event.currentTarget.value);
            setEmpty(false);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              submit();
            }
          }}
          error={empty ? t('portal.conversation.replyEmpty') : undefined}
          autosize
          minRows={3}
          maxRows={12}
          maxLength={20_000}
        />
        {send.isError && <ProblemAlert error={send.error} />}
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> {t('portal.conversation.toSend')}
          </Text>
          <Button
            type="submit"
            loading={send.isPending}
            leftSection={<IconSend size={16} aria-hidden />}
          >
            {t('portal.conversation.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
