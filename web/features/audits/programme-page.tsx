import {
  Alert,
  Box,
  Button,
  Card,
  EmptyState,
  Group,
  List,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { IconAlertTriangle, IconCalendarPlus, IconCheck, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportMenu } from '../../ui/export-menu';
import { AnchorLink } from '../../ui/links';
import { PageHeader, Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { RecordSkeleton } from '../../ui/record-states';
import { usePermissions } from '../auth/session';
import {
  type ProgrammeView,
  programmeQuery,
  programmesQuery,
  successRateQuery,
  today,
} from './api';
import { GradeSchemes } from './grade-schemes';
import { AuditStatusBadge, useDayFormat, useRateText } from './labels';
import { GradeSchemeDialog, PlanAuditDialog, ProgrammeDialog } from './programme-dialogs';

const minusDays = (day: string, days: number) =>
  new Date(new Date(`${day}T00:00:00Z`).getTime() - days * 86_400_000).toISOString().slice(0, 10);

export function ProgrammePage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const navigate = useNavigate();
  const programmes = useQuery(programmesQuery());
  const [chosen, setChosen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [planning, setPlanning] = useState(false);
  const [schemeOpen, setSchemeOpen] = useState(false);
  const id = chosen ?? programmes.data?.[0]?.id ?? null;
  const programme = useQuery({ ...programmeQuery(id ?? ''), enabled: !!id });
  const manage = can('audits.manage');

  const actions = manage && (
    <Group gap="xs">
      <Button
        variant="default"
        leftSection={<IconPlus size={16} aria-hidden />}
        onClick={() => setCreating(true)}
      >
        {t('audits.programme.create')}
      </Button>
      {programme.data && (
        <Button
          leftSection={<IconCalendarPlus size={16} aria-hidden />}
          onClick={() => setPlanning(true)}
        >
          {t('audits.plan.title')}
        </Button>
      )}
    </Group>
  );

  return (
    <>
      <PageHeader
        title={t('audits.title')}
        description={t('audits.description')}
        actions={
          <>
            {id && <ExportMenu path="/audits" filters={{ programmeId: id }} />}
            {actions}
          </>
        }
      />
      {programmes.isError && (
        <ProblemAlert error={programmes.error} onRetry={() => programmes.refetch()} />
      )}
      {programmes.isPending && <RecordSkeleton />}
      {programmes.data && programmes.data.length === 0 && (
        <EmptyState
          py="xl"
          title={t('audits.programme.emptyTitle')}
          description={t('audits.programme.emptyDescription')}
        >
          {manage && (
            <EmptyState.Actions>
              <Button onClick={() => setCreating(true)}>{t('audits.programme.create')}</Button>
            </EmptyState.Actions>
          )}
        </EmptyState>
      )}
      {programmes.data && programmes.data.length > 1 && (
        <Select
          label={t('audits.programme.choose')}
          w={360}
          mb="md"
          allowDeselect={false}
          value={id}
          onChange={setChosen}
          data={programmes.data.map((p) => ({ value: p.id, label: p.name }))}
        />
      )}
      {programme.isError && (
        <ProblemAlert error={programme.error} onRetry={() => programme.refetch()} />
      )}
      {programme.data && <ProgrammeBody programme={programme.data} />}
      {manage && (
        <Box mt="lg">
          <Section
            title={t('audits.schemes.title')}
            actions={
              <Button size="xs" variant="light" onClick={() => setSchemeOpen(true)}>
                {t('audits.schemes.create')}
              </Button>
            }
          >
            <GradeSchemes />
          </Section>
        </Box>
      )}
      <ProgrammeDialog
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(p) => setChosen(p.id)}
      />
      {programme.data && (
        <PlanAuditDialog
          opened={planning}
          onClose={() => setPlanning(false)}
          programme={programme.data}
          onSaved={(a) => void navigate({ to: '/audits/$auditId', params: { auditId: a.number } })}
        />
      )}
      <GradeSchemeDialog opened={schemeOpen} onClose={() => setSchemeOpen(false)} />
    </>
  );
}

function RateCard({ label, from, to }: { label: string; from: string; to: string }) {
  const { t } = useTranslation();
  const rateText = useRateText();
  const rate = useQuery(successRateQuery(from, to));
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700}>
        {rate.data ? rateText(rate.data.rate) : '…'}
      </Text>
      {rate.data && rate.data.audited === 0 && <Text size="sm">{t('audits.rate.noResults')}</Text>}
      {rate.data && rate.data.audited > 0 && (
        <Text size="sm">
          {t('audits.rate.detail', {
            conforming: rate.data.conforming,
            audited: rate.data.audited,
            count: rate.data.audits.length,
          })}
        </Text>
      )}
      {rate.isError && <ProblemAlert error={rate.error} />}
    </Card>
  );
}

function ProgrammeBody({ programme }: { programme: ProgrammeView }) {
  const { t, i18n } = useTranslation();
  const day = useDayFormat();
  const now = today();
  // The cycle so far: from its start to today, within the cycle's own dates.
  const cycleTo =
    [programme.cycleStart, [programme.cycleEnd, now].sort()[0] ?? now].sort()[1] ?? now;
  const month = new Intl.DateTimeFormat(i18n.language, { month: 'short', timeZone: 'UTC' });
  const months = Array.from({ length: 12 }, (_, m) => month.format(new Date(Date.UTC(2020, m, 1))));
  const firstYear = Number(programme.cycleStart.slice(0, 4));
  const lastYear = Number(programme.cycleEnd.slice(0, 4));
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
  const counted = programme.audits.filter((a) => a.status !== 'cancelled');

  return (
    <Stack gap="lg">
      <Text size="sm">
        {t('audits.programme.facts', {
          body: programme.certificationBody,
          from: day(programme.cycleStart),
          to: day(programme.cycleEnd),
          scheme:
            programme.gradeScheme.name === 'Default'
              ? t('audits.schemes.default')
              : programme.gradeScheme.name,
        })}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <RateCard label={t('audits.rate.last12Months')} from={minusDays(now, 364)} to={now} />
        <RateCard label={t('audits.rate.cycleToDate')} from={programme.cycleStart} to={cycleTo} />
      </SimpleGrid>

      <Section title={t('audits.calendar.title')}>
        <Table.ScrollContainer minWidth={900}>
          <Table
            withTableBorder
            withColumnBorders
            verticalSpacing={4}
            aria-label={t('audits.calendar.title')}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('audits.calendar.year')}</Table.Th>
                {months.map((m) => (
                  <Table.Th key={m} scope="col">
                    {m}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {years.map((year) => (
                <Table.Tr key={year}>
                  <Table.Th scope="row">{year}</Table.Th>
                  {months.map((m, index) => {
                    const key = `${year}-${String(index + 1).padStart(2, '0')}`;
                    const here = programme.audits.filter((a) => a.plannedStart.startsWith(key));
                    return (
                      <Table.Td key={m} valign="top">
                        <Stack gap={4}>
                          {here.map((a) => (
                            <Stack key={a.id} gap={2}>
                              <AnchorLink
                                to="/audits/$auditId"
                                params={{ auditId: a.number }}
                                size="sm"
                                fw={600}
                              >
                                {a.number}
                              </AnchorLink>
                              <Text size="xs">{t(`audits.types.${a.type}`)}</Text>
                              <AuditStatusBadge status={a.status} size="xs" />
                            </Stack>
                          ))}
                        </Stack>
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Section>

      <Section title={t('audits.coverage.title')}>
        {programme.unaudited.length > 0 ? (
          <Alert
            color="orange"
            // The orange title on the light orange ground is too faint: the text colour reads.
            styles={{ title: { color: 'var(--mantine-color-text)' } }}
            variant="light"
            icon={<IconAlertTriangle aria-hidden />}
            title={t('audits.coverage.warning', { count: programme.unaudited.length })}
            mb="sm"
          >
            <List size="sm">
              {programme.unaudited.slice(0, 12).map((r) => (
                <List.Item key={r.requirement}>
                  {r.requirement} {r.title}
                </List.Item>
              ))}
            </List>
            {programme.unaudited.length > 12 && (
              <Text size="sm">
                {t('audits.coverage.more', { count: programme.unaudited.length - 12 })}
              </Text>
            )}
          </Alert>
        ) : (
          <Alert color="green" variant="light" icon={<IconCheck aria-hidden />} mb="sm">
            {t('audits.coverage.complete')}
          </Alert>
        )}
        <Table.ScrollContainer minWidth={600}>
          <Table
            striped
            withTableBorder
            verticalSpacing={2}
            aria-label={t('audits.coverage.title')}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('audits.fields.requirement')}</Table.Th>
                {counted.map((a) => (
                  <Table.Th key={a.id} scope="col" ta="center">
                    <AnchorLink to="/audits/$auditId" params={{ auditId: a.number }} size="xs">
                      {a.number}
                    </AnchorLink>
                    <Text size="xs" c="dimmed">
                      {t(`audits.types.${a.type}`)}
                    </Text>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {programme.coverage.map((c) => (
                <Table.Tr
                  key={c.requirement}
                  bg={c.auditIds.length === 0 ? 'var(--mantine-color-yellow-light)' : undefined}
                >
                  <Table.Th scope="row" fw={400}>
                    <Text size="sm">
                      <strong>{c.requirement}</strong> {c.title}
                      {c.auditIds.length === 0 && ` (${t('audits.coverage.unaudited')})`}
                    </Text>
                  </Table.Th>
                  {counted.map((a) => (
                    <Table.Td key={a.id} ta="center">
                      {c.auditIds.includes(a.id) ? (
                        <>
                          <IconCheck size={16} aria-hidden />
                          <VisuallyHidden>{t('audits.coverage.sampled')}</VisuallyHidden>
                        </>
                      ) : null}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Section>
    </Stack>
  );
}
