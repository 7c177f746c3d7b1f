import { ActionIcon, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/dates';
import { AnchorLink } from '../../ui/links';
import { Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { PriorityBadge, TicketStatus } from '../tickets/labels';
import {
  linkIncident,
  type Problem,
  problemIncidentsQuery,
  problemsKeys,
  unlinkIncident,
} from './api';

/** The incidents the problem explains: linked by number here, or from the ticket page. */
export function ProblemIncidents({ problem, editable }: { problem: Problem; editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery(problemIncidentsQuery(problem.id));
  const [number, setNumber] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const incidents = await work();
      queryClient.setQueryData(problemsKeys.incidents(problem.id), incidents);
      void queryClient.invalidateQueries({ queryKey: problemsKeys.detail(problem.id) });
      void queryClient.invalidateQueries({ queryKey: problemsKeys.lists });
      void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const incidents = query.data ?? [];
  return (
    <Section title={t('problems.incidents.title', { count: incidents.length })}>
      <Stack gap="sm">
        {error !== null && <ProblemAlert error={error} />}
        {query.isError && <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />}
        {query.isSuccess && incidents.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('problems.incidents.none')}
          </Text>
        )}
        {incidents.length > 0 && (
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing={4} striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('problems.incidents.number')}</Table.Th>
                  <Table.Th>{t('problems.fields.title')}</Table.Th>
                  <Table.Th>{t('problems.incidents.priority')}</Table.Th>
                  <Table.Th>{t('problems.fields.status')}</Table.Th>
                  <Table.Th>{t('problems.incidents.linkedAt')}</Table.Th>
                  {editable && <Table.Th aria-label={t('common.actions')} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {incidents.map((incident) => (
                  <Table.Tr key={incident.id}>
                    <Table.Td>
                      <AnchorLink
                        to="/desk/tickets/$id"
                        params={{ id: incident.number }}
                        size="sm"
                        ff="monospace"
                      >
                        {incident.number}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{incident.title}</Text>
                    </Table.Td>
                    <Table.Td>
                      <PriorityBadge priority={incident.priority} />
                    </Table.Td>
                    <Table.Td>
                      <TicketStatus status={incident.status} size="xs" />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        <DateTime value={incident.linkedAt} format="date" />
                      </Text>
                    </Table.Td>
                    {editable && (
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          size="sm"
                          disabled={busy}
                          aria-label={t('problems.incidents.remove', { number: incident.number })}
                          onClick={() => void run(() => unlinkIncident(problem.id, incident.id))}
                        >
                          <IconX size={14} aria-hidden />
                        </ActionIcon>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {editable && (
          <form
            onSubmit={async (event) => {
              event.preventDefault();
              const ref = number.trim().toUpperCase();
              if (ref && (await run(() => linkIncident(problem.id, ref)))) setNumber('');
            }}
            noValidate
          >
            <Group gap="xs" align="flex-end">
              <TextInput
                label={t('problems.incidents.add')}
                placeholder="INC0001042"
                value={number}
                onChange={(event) => setNumber(event.currentTarget.value)}
                w={220}
              />
              <Button type="submit" variant="default" loading={busy} disabled={!number.trim()}>
                {t('problems.incidents.link')}
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Section>
  );
}
