import { ActionIcon, Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconCircleCheck, IconClockPause, IconLink, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { AnchorLink } from '../../ui/links';
import { Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import {
  AFTER_DEPLOYMENT,
  linkChange,
  linkIncident,
  type Release,
  unlinkChange,
  unlinkIncident,
} from './api';
import { useReleaseWrite } from './use-release-write';

/** Finds a change by its number (CHG0000042) through the change API's search. */
async function changeIdOf(number: string): Promise<string | null> {
  const page = await api.list<{ id: string; number: string }>(
    '/api/v1/changes',
    { q: number, limit: 10 },
    undefined,
  );
  return page.items.find((c) => c.number.toUpperCase() === number.toUpperCase())?.id ?? null;
}

export function ChangesSection({ release, editable }: { release: Release; editable: boolean }) {
  const { t } = useTranslation();
  const { run, error, setError, busy } = useReleaseWrite();
  const [number, setNumber] = useState('');
  const [notFound, setNotFound] = useState<string | null>(null);
  const canLink = editable && !AFTER_DEPLOYMENT.includes(release.status);
  const r = release.readiness;
  return (
    <Section
      title={t('releases.changes.title')}
      actions={
        <Text size="sm" c="dimmed">
          {t('releases.readiness.changes', { approved: r.changesApproved, total: r.changesTotal })}
        </Text>
      }
    >
      <Stack gap="sm">
        {error !== null && <ProblemAlert error={error} />}
        {release.changes.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('releases.changes.empty')}
          </Text>
        ) : (
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('releases.changes.number')}</Table.Th>
                <Table.Th>{t('releases.changes.change')}</Table.Th>
                <Table.Th>{t('releases.changes.status')}</Table.Th>
                <Table.Th>{t('releases.changes.approval')}</Table.Th>
                {canLink && <Table.Th w={44} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {release.changes.map((change) => (
                <Table.Tr key={change.id}>
                  <Table.Td>
                    {change.known ? (
                      <AnchorLink
                        to="/changes/$changeId"
                        params={{ changeId: change.id }}
                        size="sm"
                        fw={500}
                      >
                        {change.number}
                      </AnchorLink>
                    ) : (
                      <Text size="sm">{t('releases.changes.unknown')}</Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    <Text size="sm">{change.title}</Text>
                    <Text size="xs" c="dimmed">
                      {t(`releases.changeTypes.${change.type}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {t(`changes.statuses.${change.status as 'draft'}`, {
                        defaultValue: change.status.replace(/_/g, ' '),
                      })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {change.approved ? (
                      <Badge
                        color="green"
                        variant="light"
                        leftSection={<IconCircleCheck size={12} aria-hidden />}
                      >
                        {t('releases.changes.approved')}
                      </Badge>
                    ) : (
                      <Badge
                        color="yellow"
                        variant="light"
                        leftSection={<IconClockPause size={12} aria-hidden />}
                      >
                        {t('releases.changes.notApproved')}
                      </Badge>
                    )}
                  </Table.Td>
                  {canLink && (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('releases.changes.unlink', { number: change.number })}
                        onClick={() => void run(() => unlinkChange(release.id, change.id))}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canLink && (
          <form
            noValidate
            onSubmit={async (event) => {
              event.preventDefault();
              const wanted = number.trim();
              if (!wanted) return;
              setNotFound(null);
              try {
                const id = await changeIdOf(wanted);
                if (!id) {
                  setNotFound(t('releases.changes.noSuchChange', { number: wanted }));
                  return;
                }
                if (await run(() => linkChange(release.id, id))) setNumber('');
              } catch (caught) {
                setError(caught);
              }
            }}
          >
            <Group gap="xs" align="flex-start">
              <TextInput
                label={t('releases.changes.linkLabel')}
                placeholder="CHG0000042"
                value={number}
                onChange={(event) => {
                  setNumber(event.currentTarget.value);
                  setNotFound(null);
                }}
                error={notFound}
                maxLength={64}
                w={220}
              />
              <Button
                type="submit"
                variant="default"
                mt={25}
                leftSection={<IconLink size={14} aria-hidden />}
                disabled={!number.trim()}
                loading={busy}
              >
                {t('releases.changes.link')}
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Section>
  );
}

export function IncidentsSection({ release, editable }: { release: Release; editable: boolean }) {
  const { t } = useTranslation();
  const { run, error, busy } = useReleaseWrite();
  const [ticket, setTicket] = useState('');
  const canLink = editable && AFTER_DEPLOYMENT.includes(release.status);
  return (
    <Section title={t('releases.incidents.title')}>
      <Stack gap="sm">
        {error !== null && <ProblemAlert error={error} />}
        {release.incidents.length === 0 ? (
          <Text size="sm" c="dimmed">
            {AFTER_DEPLOYMENT.includes(release.status)
              ? t('releases.incidents.empty')
              : t('releases.incidents.notDeployed')}
          </Text>
        ) : (
          <Stack gap={4}>
            {release.incidents.map((incident) => (
              <Group key={incident.id} gap="xs" wrap="nowrap">
                <AnchorLink to="/desk/tickets/$id" params={{ id: incident.id }} size="sm" fw={500}>
                  {incident.number}
                </AnchorLink>
                <Text size="sm" style={{ flex: 1, overflowWrap: 'anywhere' }}>
                  {incident.title}
                </Text>
                <Badge size="sm" variant="default" tt="none">
                  {t(`desk.status.${incident.status as 'new'}`, {
                    defaultValue: incident.status.replace(/_/g, ' '),
                  })}
                </Badge>
                {editable && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('releases.incidents.unlink', { number: incident.number })}
                    onClick={() => void run(() => unlinkIncident(release.id, incident.id))}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            ))}
          </Stack>
        )}
        {canLink && (
          <form
            noValidate
            onSubmit={async (event) => {
              event.preventDefault();
              if (!ticket.trim()) return;
              if (await run(() => linkIncident(release.id, ticket.trim()))) setTicket('');
            }}
          >
            <Group gap="xs" align="flex-end">
              <TextInput
                label={t('releases.incidents.linkLabel')}
                placeholder="INC0001042"
                value={ticket}
                onChange={(event) => setTicket(event.currentTarget.value)}
                maxLength={64}
                w={220}
              />
              <Button
                type="submit"
                variant="default"
                leftSection={<IconLink size={14} aria-hidden />}
                disabled={!ticket.trim()}
                loading={busy}
              >
                {t('releases.incidents.link')}
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Section>
  );
}
