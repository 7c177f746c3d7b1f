import { Button, Group, Spoiler, Stack, Text } from '@mantine/core';
import { IconLink } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/links';
import { notify } from '../../ui/notify';
import { Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { usePermissions } from '../auth/session';
import {
  linkIncident,
  type Problem,
  problemsKeys,
  suggestionsQuery,
  ticketProblemsQuery,
} from './api';
import { ProblemStatusBadge } from './problem-status';

/**
 * On an incident's page: the problems it is linked to, and the known errors that may explain it
 * (same service, text match), each with its workaround and a one-click link.
 */
export function TicketProblemsPanel({
  ticket,
}: {
  ticket: { id: string; type: string; status: string };
}) {
  const can = usePermissions();
  if (ticket.type !== 'incident' || !can('problems.read')) return null;
  return (
    <Panel ticketId={ticket.id} canLink={can('problems.work') && ticket.status !== 'closed'} />
  );
}

function Panel({ ticketId, canLink }: { ticketId: string; canLink: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const linked = useQuery(ticketProblemsQuery(ticketId));
  const suggested = useQuery(suggestionsQuery(ticketId));
  const [linking, setLinking] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const link = async (problem: Problem) => {
    setLinking(problem.id);
    setError(null);
    try {
      await linkIncident(problem.id, ticketId);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: problemsKeys.ofTicket(ticketId) }),
        queryClient.invalidateQueries({ queryKey: problemsKeys.suggestions(ticketId) }),
        queryClient.invalidateQueries({ queryKey: problemsKeys.incidents(problem.id) }),
      ]);
      notify({ color: 'green', message: t('problems.panel.linked', { number: problem.number }) });
    } catch (failure) {
      setError(failure);
    } finally {
      setLinking(null);
    }
  };

  const problems = linked.data ?? [];
  const suggestions = suggested.data ?? [];
  return (
    <Section title={t('problems.panel.title')}>
      <Stack gap="sm">
        {error !== null && <ProblemAlert error={error} />}
        {linked.isError && <ProblemAlert error={linked.error} />}
        {linked.isSuccess && problems.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('problems.panel.none')}
          </Text>
        )}
        {problems.map((p) => (
          <Stack key={p.id} gap={2}>
            <Group gap={6} wrap="nowrap">
              <AnchorLink
                to="/problems/$problemId"
                params={{ problemId: p.id }}
                size="sm"
                ff="monospace"
              >
                {p.number}
              </AnchorLink>
              <ProblemStatusBadge status={p.status} size="xs" />
            </Group>
            <Text size="sm">{p.title}</Text>
            {p.workaround && (
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                {t('problems.fields.workaround')}: {p.workaround}
              </Text>
            )}
          </Stack>
        ))}
        {suggestions.length > 0 && (
          <Stack gap="xs">
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">
              {t('problems.panel.suggested')}
            </Text>
            {suggestions.map(({ problem, matchedTerms }) => (
              <Stack
                key={problem.id}
                gap={4}
                p="xs"
                style={{
                  border: '1px solid var(--mantine-color-default-border)',
                  borderRadius: 'var(--mantine-radius-sm)',
                }}
              >
                <Group gap={6} justify="space-between" wrap="nowrap">
                  <AnchorLink
                    to="/problems/$problemId"
                    params={{ problemId: problem.id }}
                    size="sm"
                    ff="monospace"
                  >
                    {problem.number}
                  </AnchorLink>
                  {canLink && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      leftSection={<IconLink size={12} aria-hidden />}
                      loading={linking === problem.id}
                      disabled={linking !== null}
                      onClick={() => void link(problem)}
                      aria-label={t('problems.panel.linkTo', { number: problem.number })}
                    >
                      {t('problems.panel.link')}
                    </Button>
                  )}
                </Group>
                <Text size="sm" fw={500}>
                  {problem.title}
                </Text>
                <Spoiler
                  maxHeight={60}
                  showLabel={t('problems.panel.more')}
                  hideLabel={t('problems.panel.less')}
                  styles={{ control: { fontSize: 'var(--mantine-font-size-xs)' } }}
                >
                  <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
                    {problem.workaround}
                  </Text>
                </Spoiler>
                {matchedTerms.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {t('problems.panel.matched', { terms: matchedTerms.join(', ') })}
                  </Text>
                )}
              </Stack>
            ))}
          </Stack>
        )}
      </Stack>
    </Section>
  );
}
