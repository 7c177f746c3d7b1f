import {
  ActionIcon,
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { IconUserCheck, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Attachments } from '../../ui/attachments';
import { DateTime } from '../../ui/dates';
import { AnchorLink } from '../../ui/links';
import { Fact, Facts, Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { UserSelect } from '../admin-users/user-select';
import { usePermissions, useSession } from '../auth/session';
import { GroupSelect } from '../catalogue/group-select';
import { ServiceSelect } from '../catalogue/service-select';
import {
  addLink,
  addWatcher,
  deskSettingsQuery,
  LEVELS,
  LINK_KINDS,
  type LinkKind,
  removeLink,
  removeWatcher,
  type TicketDetail,
  type TicketLink,
} from './api';
import { dynamicLabel, PriorityBadge, TicketStatus } from './labels';
import { ClockIndicator } from './sla';
import type { TicketActions } from './use-ticket-actions';

// The ticket's side column: the fields an agent changes while working it (each change is saved
// at once, with the version), the SLA clocks, watchers and links.

interface SideProps {
  ticket: TicketDetail;
  actions: TicketActions;
}

export function FieldsSection({ ticket, actions }: SideProps) {
  const { t } = useTranslation();
  const { user } = useSession();
  const settings = useQuery(deskSettingsQuery());
  const editable = ticket.canWork && ticket.status !== 'closed';
  const levels = LEVELS.map((level) => ({
    value: String(level),
    label: t(`desk.levels.${level}`),
  }));
  const urgencyLevels = LEVELS.map((level) => ({
    value: String(level),
    label: t(`desk.urgencyLevels.${level}`),
  }));
  const categories = settings.data?.categories ?? [];
  const categoryOptions = categories.includes(ticket.category)
    ? categories
    : [ticket.category, ...categories];

  return (
    <Section title={t('desk.sections.fields')}>
      <Stack gap="sm">
        {actions.error !== null && <ProblemAlert error={actions.error} />}
        <Facts>
          <Fact label={t('desk.fields.requester')}>{ticket.requesterName}</Fact>
        </Facts>
        <ServiceSelect
          label={t('desk.fields.service')}
          value={ticket.serviceId}
          onChange={(serviceId) => void actions.patch({ serviceId })}
          disabled={!editable || actions.busy}
          clearable
        />
        <Select
          label={t('desk.fields.category')}
          data={categoryOptions}
          value={ticket.category}
          onChange={(category) => category && void actions.patch({ category })}
          disabled={!editable || actions.busy}
          allowDeselect={false}
          searchable
          nothingFoundMessage={t('common.nothingFound')}
        />
        <SimpleGrid cols={2} spacing="xs">
          <Select
            label={t('desk.fields.impact')}
            data={levels}
            value={String(ticket.impact)}
            onChange={(value) => value && void actions.patch({ impact: Number(value) })}
            disabled={!editable || actions.busy}
            allowDeselect={false}
          />
          <Select
            label={t('desk.fields.urgency')}
            data={urgencyLevels}
            value={String(ticket.urgency)}
            onChange={(value) => value && void actions.patch({ urgency: Number(value) })}
            disabled={!editable || actions.busy}
            allowDeselect={false}
          />
        </SimpleGrid>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('desk.fields.priorityFromMatrix')}
          </Text>
          <PriorityBadge priority={ticket.priority} long />
        </Group>
        <GroupSelect
          label={t('desk.fields.group')}
          value={ticket.groupId}
          onChange={(groupId) => void actions.patch({ groupId })}
          disabled={!editable || actions.busy}
        />
        <UserSelect
          label={t('desk.fields.assignee')}
          value={ticket.assigneeId}
          onChange={(assigneeId) => void actions.patch({ assigneeId })}
          disabled={!editable || actions.busy}
        />
        {editable && ticket.assigneeId !== user.id && (
          <Button
            variant="light"
            size="xs"
            leftSection={<IconUserCheck size={14} aria-hidden />}
            onClick={() => void actions.patch({ assigneeId: user.id })}
            loading={actions.busy}
            w="fit-content"
          >
            {t('desk.actions.assignToMe')}
          </Button>
        )}
        {ticket.type === 'incident' && (
          <Switch
            label={t('desk.fields.majorIncident')}
            checked={ticket.majorIncident}
            onChange={(event) => void actions.patch({ majorIncident: event.currentTarget.checked })}
            disabled={!editable || actions.busy}
          />
        )}
      </Stack>
    </Section>
  );
}

export function SlaSection({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const order = ['first_response', 'resolution'];
  const clocks = [...ticket.clocks].sort((a, b) => order.indexOf(a.clock) - order.indexOf(b.clock));
  return (
    <Section title={t('desk.sections.sla')}>
      {clocks.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('desk.sla.noClocks')}
        </Text>
      ) : (
        <Stack gap="sm">
          {clocks.map((clock) => (
            <ClockIndicator
              key={clock.id}
              ticketId={ticket.id}
              clock={clock}
              holdReason={ticket.holdReason}
              explain={can('sla.read')}
            />
          ))}
        </Stack>
      )}
    </Section>
  );
}

export function WatchersSection({ ticket, actions }: SideProps) {
  const { t } = useTranslation();
  const [userId, setUserId] = useState<string | null>(null);
  const editable = ticket.canWork && ticket.status !== 'closed';
  return (
    <Section title={t('desk.sections.watchers')}>
      <Stack gap="xs">
        {ticket.watchers.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('desk.watchers.none')}
          </Text>
        ) : (
          <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {ticket.watchers.map((watcher) => (
              <Group key={watcher.id} component="li" justify="space-between" gap="xs">
                <Text size="sm">{watcher.name}</Text>
                {editable && (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    aria-label={t('desk.watchers.remove', { name: watcher.name })}
                    onClick={() => void actions.run(() => removeWatcher(ticket.id, watcher.id))}
                  >
                    <IconX size={14} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            ))}
          </Stack>
        )}
        {editable && (
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <div style={{ flex: 1 }}>
              <UserSelect label={t('desk.watchers.add')} value={userId} onChange={setUserId} />
            </div>
            <Button
              variant="default"
              disabled={!userId}
              loading={actions.busy}
              onClick={async () => {
                if (!userId) return;
                if (await actions.run(() => addWatcher(ticket.id, userId))) setUserId(null);
              }}
            >
              {t('desk.watchers.addButton')}
            </Button>
          </Group>
        )}
      </Stack>
    </Section>
  );
}

/** How a link reads from this ticket, and how to remove it (if it can be removed from here). */
function linkView(link: TicketLink): { label: string; removeKind: string | null } {
  if (link.direction === 'outgoing') return { label: link.kind, removeKind: link.kind };
  if (link.kind === 'child_of') return { label: 'parent_of', removeKind: 'parent_of' };
  if (link.kind === 'related') return { label: 'related', removeKind: 'related' };
  return { label: `${link.kind}_incoming`, removeKind: null };
}

export function LinksSection({ ticket, actions }: SideProps) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<LinkKind>('related');
  const [target, setTarget] = useState('');
  const editable = ticket.canWork && ticket.status !== 'closed';
  return (
    <Section title={t('desk.sections.links')}>
      <Stack gap="xs">
        {ticket.links.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('desk.links.none')}
          </Text>
        ) : (
          <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {ticket.links.map((link) => {
              const view = linkView(link);
              return (
                <Group
                  key={`${link.direction}-${link.kind}-${link.id}`}
                  component="li"
                  justify="space-between"
                  gap="xs"
                  wrap="nowrap"
                >
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text size="xs" c="dimmed">
                      {dynamicLabel(t, `desk.links.kinds.${view.label}`, view.label)}
                    </Text>
                    <Group gap={6} wrap="nowrap">
                      <AnchorLink
                        to="/desk/tickets/$id"
                        params={{ id: link.number }}
                        size="sm"
                        ff="monospace"
                      >
                        {link.number}
                      </AnchorLink>
                      <Text size="sm" truncate title={link.title}>
                        {link.title}
                      </Text>
                    </Group>
                    <TicketStatus status={link.status} size="xs" />
                  </Stack>
                  {editable && view.removeKind && (
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="sm"
                      aria-label={t('desk.links.remove', { number: link.number })}
                      onClick={() =>
                        void actions.run(() =>
                          removeLink(ticket.id, view.removeKind as string, link.id),
                        )
                      }
                    >
                      <IconX size={14} aria-hidden />
                    </ActionIcon>
                  )}
                </Group>
              );
            })}
          </Stack>
        )}
        {editable && (
          <form
            onSubmit={async (event) => {
              event.preventDefault();
              const number = target.trim().toUpperCase();
              if (!number) return;
              if (await actions.run(() => addLink(ticket.id, kind, number))) setTarget('');
            }}
            noValidate
          >
            <Stack gap="xs">
              <SimpleGrid cols={2} spacing="xs">
                <Select
                  label={t('desk.links.kind')}
                  data={LINK_KINDS.map((value) => ({
                    value,
                    label: dynamicLabel(t, `desk.links.kinds.${value}`, value),
                  }))}
                  value={kind}
                  onChange={(value) => value && setKind(value as LinkKind)}
                  allowDeselect={false}
                />
                <TextInput
                  label={t('desk.links.target')}
                  placeholder="INC0001042"
                  value={target}
                  onChange={(event) => setTarget(event.currentTarget.value)}
                />
              </SimpleGrid>
              <Button type="submit" variant="default" disabled={!target.trim()} w="fit-content">
                {t('desk.links.add')}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Section>
  );
}

export function FactsSection({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  return (
    <Section title={t('record.facts')}>
      <Facts>
        <Fact label={t('desk.fields.channel')}>
          {dynamicLabel(t, `desk.channels.${ticket.channel}`, ticket.channel)}
        </Fact>
        <Fact label={t('common.createdAt')}>
          <DateTime value={ticket.createdAt} />
        </Fact>
        <Fact label={t('common.updatedAt')}>
          <DateTime value={ticket.updatedAt} />
        </Fact>
        {ticket.firstRespondedAt && (
          <Fact label={t('desk.fields.firstRespondedAt')}>
            <DateTime value={ticket.firstRespondedAt} />
          </Fact>
        )}
        {ticket.resolvedAt && (
          <Fact label={t('desk.fields.resolvedAt')}>
            <DateTime value={ticket.resolvedAt} />
          </Fact>
        )}
        {ticket.closedAt && (
          <Fact label={t('desk.fields.closedAt')}>
            <DateTime value={ticket.closedAt} />
          </Fact>
        )}
      </Facts>
    </Section>
  );
}

/** Files on the ticket, for agents as for the requester (internal notes carry no files). */
export function FilesSection({ ticket }: { ticket: SideProps['ticket'] }) {
  const { t } = useTranslation();
  return (
    <Section title={t('desk.sections.files')}>
      <Attachments ownerType="ticket" ownerId={ticket.id} canUpload={ticket.status !== 'closed'} />
    </Section>
  );
}
