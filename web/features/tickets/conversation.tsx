import {
  Badge,
  Box,
  Button,
  Group,
  Kbd,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Textarea,
  ThemeIcon,
} from '@mantine/core';
import {
  IconArrowsExchange,
  IconFlame,
  IconLock,
  IconMessage,
  IconPlus,
  IconSend,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type ReactNode, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/dates';
import { ProblemAlert } from '../../ui/problem';
import { UserName } from '../admin-users/user-select';
import { GroupName } from '../catalogue/group-select';
import { ServiceName } from '../catalogue/service-select';
import { addComment, type TicketDetail, type TimelineEntry, timelineQuery } from './api';
import {
  dynamicLabel,
  holdReasonLabel,
  priorityLabel,
  resolutionLabel,
  statusLabel,
  typeLabel,
} from './labels';
import type { TicketActions } from './use-ticket-actions';

// The conversation at the centre of the ticket: the editor on top (public reply or internal note,
// Ctrl+Enter sends), then replies, notes and recorded changes in order. Internal notes are on a
// yellow ground AND labelled "Internal note"; changes read as sentences ("Status: New → In progress").

export type Visibility = 'public' | 'internal';

export interface EditorHandle {
  focus: (visibility: Visibility) => void;
}

interface EditorProps {
  ticket: TicketDetail;
  actions: TicketActions;
  ref?: React.Ref<EditorHandle>;
}

export function ReplyEditor({ ticket, actions, ref }: EditorProps) {
  const { t } = useTranslation();
  const [visibility, setVisibility] = useState<Visibility>('public');
  const [body, setBody] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);

  useImperativeHandle(ref, () => ({
    focus: (next) => {
      setVisibility(next);
      area.current?.focus();
    },
  }));

  const send = async () => {
    const text = body.trim();
    if (!text || sending) return;
    setSending(true);
    setError(null);
    try {
      await addComment(ticket.id, visibility, text);
      setBody('');
      await actions.refresh();
    } catch (caught) {
      // What was typed stays in the box.
      setError(caught);
    } finally {
      setSending(false);
    }
  };

  if (ticket.status === 'closed') {
    return (
      <Text size="sm" c="dimmed">
        {t('desk.editor.closed')}
      </Text>
    );
  }
  const internal = visibility === 'internal';
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label={t('desk.editor.kind')}
        value={visibility}
        onChange={(value) => setVisibility(value as Visibility)}
        data={[
          { value: 'public', label: t('desk.editor.public') },
          { value: 'internal', label: t('desk.editor.internal') },
        ]}
        w="fit-content"
        size="xs"
      />
      {error !== null && <ProblemAlert error={error} />}
      <Textarea
        ref={area}
        label={internal ? t('desk.editor.internalLabel') : t('desk.editor.publicLabel')}
        description={internal ? t('desk.editor.internalHint') : t('desk.editor.publicHint')}
        value={body}
        onChange={(event) => setBody(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void send();
          }
          if (event.key === 'Escape') area.current?.blur();
        }}
        autosize
        minRows={3}
        maxRows={14}
        styles={
          internal ? { input: { background: 'var(--mantine-color-yellow-light)' } } : undefined
        }
      />
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">
          <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> {t('desk.editor.sendHint')}
        </Text>
        <Button
          size="sm"
          color={internal ? 'yellow' : undefined}
          leftSection={
            internal ? <IconLock size={14} aria-hidden /> : <IconSend size={14} aria-hidden />
          }
          onClick={() => void send()}
          loading={sending}
          disabled={!body.trim()}
        >
          {internal ? t('desk.editor.sendNote') : t('desk.editor.sendReply')}
        </Button>
      </Group>
    </Stack>
  );
}

const LEVEL_FIELDS = new Set(['impact', 'urgency']);
const HIDDEN_FIELDS = new Set(['updatedAt', 'version', 'seq', 'formAnswers', 'organisationId']);

function formatValue(t: TFunction, field: string, value: unknown): ReactNode {
  if (value === null || value === undefined || value === '') return t('history.none');
  switch (field) {
    case 'status':
      return statusLabel(t, String(value));
    case 'priority':
      return `${String(value)} · ${priorityLabel(t, String(value))}`;
    case 'holdReason':
      return holdReasonLabel(t, String(value));
    case 'resolutionCode':
      return resolutionLabel(t, String(value));
    case 'type':
      return typeLabel(t, String(value));
    case 'assigneeId':
    case 'requesterId':
    case 'watcher':
      return <UserName id={String(value)} />;
    case 'groupId':
      return <GroupName id={String(value)} />;
    case 'serviceId':
      return <ServiceName id={String(value)} />;
    case 'majorIncident':
      return value ? t('common.yes') : t('common.no');
    default:
      if (LEVEL_FIELDS.has(field))
        return dynamicLabel(
          t,
          `desk.${field === 'urgency' ? 'urgencyLevels' : 'levels'}.${value}`,
          String(value),
        );
      if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
      if (typeof value === 'object') return JSON.stringify(value);
      return String(value);
  }
}

function fieldLabel(t: TFunction, field: string): string {
  return dynamicLabel(t, `desk.changeFields.${field}`, field);
}

interface Change {
  from: unknown;
  to: unknown;
}

function ChangeLine({ t, field, change }: { t: TFunction; field: string; change: Change }) {
  // Long texts (description, notes) say "changed" rather than repeating both versions.
  const long = field === 'description' || field === 'resolutionNotes' || field === 'title';
  if (long) {
    return (
      <Text size="sm" component="li">
        <Text span fw={500}>
          {fieldLabel(t, field)}
        </Text>
        {change.to ? `: ${String(change.to).slice(0, 200)}` : `: ${t('history.none')}`}
      </Text>
    );
  }
  return (
    <Text size="sm" component="li">
      <Text span fw={500}>
        {fieldLabel(t, field)}
      </Text>
      {': '}
      <Text span c="dimmed">
        {formatValue(t, field, change.from)}
      </Text>
      {' → '}
      <Text span>{formatValue(t, field, change.to)}</Text>
    </Text>
  );
}

function headline(t: TFunction, entry: TimelineEntry): string {
  const actor = entry.actorName;
  const action = entry.action ?? 'update';
  const translate = t as unknown as (key: string, options: Record<string, unknown>) => string;
  const text = translate(`desk.timeline.actions.${action}`, { actor, defaultValue: '' });
  return text || t('desk.timeline.actions.other', { actor, action });
}

function ChangeEntry({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const changes = Object.entries((entry.changes ?? {}) as Record<string, Change>).filter(
    ([field]) => !HIDDEN_FIELDS.has(field),
  );
  const sla = entry.action === 'sla-breach' || entry.action === 'sla-warning';
  const shown = entry.action === 'create' ? [] : changes;
  return (
    <Group gap="sm" align="flex-start" wrap="nowrap" px="xs">
      <ThemeIcon
        size={24}
        radius="xl"
        variant="light"
        color={entry.action === 'sla-breach' ? 'red' : sla ? 'orange' : 'gray'}
        aria-hidden
      >
        {sla ? (
          <IconFlame size={14} />
        ) : entry.action === 'create' ? (
          <IconPlus size={14} />
        ) : (
          <IconArrowsExchange size={14} />
        )}
      </ThemeIcon>
      <Box style={{ minWidth: 0 }}>
        <Group gap={6}>
          <Text size="sm" fw={500}>
            {sla
              ? changes
                  .map(([clock, change]) =>
                    t(
                      entry.action === 'sla-breach'
                        ? 'desk.timeline.slaBreach'
                        : 'desk.timeline.slaWarning',
                      {
                        clock: dynamicLabel(t, `desk.sla.clocks.${clock}`, clock),
                        percent: String(change.to ?? ''),
                      },
                    ),
                  )
                  .join(' · ')
              : headline(t, entry)}
          </Text>
          <Text size="xs" c="dimmed">
            <DateTime value={entry.at} format="relative" />
          </Text>
        </Group>
        {!sla && shown.length > 0 && (
          <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {shown.map(([field, change]) => (
              <ChangeLine key={field} t={t} field={field} change={change} />
            ))}
          </Stack>
        )}
      </Box>
    </Group>
  );
}

function CommentEntry({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const internal = entry.visibility === 'internal';
  return (
    <Paper
      withBorder
      p="sm"
      radius="sm"
      component="article"
      aria-label={
        internal
          ? t('desk.timeline.noteBy', { actor: entry.actorName })
          : t('desk.timeline.replyBy', { actor: entry.actorName })
      }
      style={
        internal
          ? {
              background: 'var(--mantine-color-yellow-light)',
              borderColor: 'var(--mantine-color-yellow-outline)',
              borderLeftWidth: 4,
            }
          : { borderLeftWidth: 4, borderLeftColor: 'var(--mantine-color-blue-outline)' }
      }
    >
      <Group justify="space-between" gap="xs" mb={4}>
        <Group gap="xs">
          {internal ? (
            <Badge
              color="yellow"
              variant="filled"
              size="sm"
              radius="sm"
              leftSection={<IconLock size={11} aria-hidden />}
            >
              {t('desk.timeline.internalNote')}
            </Badge>
          ) : (
            <Badge
              color="blue"
              variant="light"
              size="sm"
              radius="sm"
              leftSection={<IconMessage size={11} aria-hidden />}
            >
              {t('desk.timeline.publicReply')}
            </Badge>
          )}
          <Text size="sm" fw={600}>
            {entry.actorName}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          <DateTime value={entry.at} format="relative" />
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {entry.body}
      </Text>
    </Paper>
  );
}

export function TicketTimeline({ ticketKey }: { ticketKey: string }) {
  const { t } = useTranslation();
  const query = useQuery(timelineQuery(ticketKey));
  const [newestFirst, setNewestFirst] = useState(true);
  if (query.isPending) {
    return (
      <Stack gap="sm" aria-busy>
        <Skeleton height={60} />
        <Skeleton height={14} width="50%" />
        <Skeleton height={60} />
      </Stack>
    );
  }
  if (query.isError)
    return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  const entries = newestFirst ? [...query.data].reverse() : query.data;
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('desk.timeline.empty')}
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Button size="compact-xs" variant="subtle" onClick={() => setNewestFirst((v) => !v)}>
          {newestFirst ? t('desk.timeline.oldestFirst') : t('desk.timeline.newestFirst')}
        </Button>
      </Group>
      <Stack
        gap="sm"
        component="ol"
        m={0}
        p={0}
        style={{ listStyle: 'none' }}
        aria-label={t('desk.timeline.title')}
      >
        {entries.map((entry) => (
          <li key={`${entry.kind}-${entry.id}`}>
            {entry.kind === 'comment' ? (
              <CommentEntry entry={entry} />
            ) : (
              <ChangeEntry entry={entry} />
            )}
          </li>
        ))}
      </Stack>
    </Stack>
  );
}
