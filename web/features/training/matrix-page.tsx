import {
  Group,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/links';
import { PageHeader, Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { GroupSelect } from '../catalogue/group-select';
import { addDays, type Completion, completionQuery, matrixQuery, today } from './api';
import { CellState, Day } from './training-ui';

const ROLES = ['admin', 'manager', 'agent', 'auditor', 'requester'] as const;
const TARGET = 95;

function Rate({ value }: { value: number | null }) {
  const { i18n } = useTranslation();
  if (value === null) return <span>—</span>;
  return (
    <span>
      {new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(value)} %
    </span>
  );
}

function CompletionPanel({ data }: { data: Completion }) {
  const { t } = useTranslation();
  const met = data.rate !== null && data.rate >= TARGET;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Paper withBorder p="md">
          <Text size="sm" c="dimmed">
            {t('training.kpi.overall')}
          </Text>
          <Text fz={32} fw={700} c={data.rate === null ? undefined : met ? 'green.8' : 'red.8'}>
            <Rate value={data.rate} />
          </Text>
          <Text size="xs" c="dimmed">
            {data.rate === null
              ? t('training.kpi.nothingDue')
              : met
                ? t('training.kpi.targetMet', { target: TARGET })
                : t('training.kpi.targetMissed', { target: TARGET })}
          </Text>
        </Paper>
        <Paper withBorder p="md">
          <Text size="sm" c="dimmed">
            {t('training.kpi.due')}
          </Text>
          <Text fz={32} fw={700}>
            {data.due}
          </Text>
        </Paper>
        <Paper withBorder p="md">
          <Text size="sm" c="dimmed">
            {t('training.kpi.onTime')}
          </Text>
          <Text fz={32} fw={700}>
            {data.completedOnTime}
          </Text>
        </Paper>
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('training.kpi.formula')}
      </Text>
      {data.byGroup.length > 0 && (
        <Table aria-label={t('training.kpi.byGroup')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('training.kpi.group')}</Table.Th>
              <Table.Th>{t('training.kpi.due')}</Table.Th>
              <Table.Th>{t('training.kpi.onTime')}</Table.Th>
              <Table.Th>{t('training.kpi.rate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.byGroup.map((g) => (
              <Table.Tr key={g.groupId}>
                <Table.Td>{g.groupName}</Table.Td>
                <Table.Td>{g.due}</Table.Td>
                <Table.Td>{g.completedOnTime}</Table.Td>
                <Table.Td>
                  <Rate value={g.rate} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** The competence matrix and the employee training completion figure of a period. */
export function MatrixPage() {
  const { t } = useTranslation();
  const [to, setTo] = useState(today());
  const [from, setFrom] = useState(addDays(today(), -89));
  const [groupId, setGroupId] = useState<string | null>(null);
  const [role, setRole] = useState<string | null>(null);
  const validPeriod =
    /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const completion = useQuery({ ...completionQuery({ from, to }), enabled: validPeriod });
  const matrix = useQuery(matrixQuery({ groupId: groupId ?? undefined, role: role ?? undefined }));
  return (
    <>
      <PageHeader
        title={t('modules.competenceMatrix.label')}
        description={t('training.matrix.description')}
      />
      <Stack gap="lg">
        <Section title={t('training.kpi.title')}>
          <Stack gap="sm">
            <Group align="flex-end" gap="sm">
              <TextInput
                type="date"
                label={t('training.kpi.from')}
                value={from}
                onChange={(e) => setFrom(e.currentTarget.value)}
                error={validPeriod ? undefined : t('training.kpi.badPeriod')}
              />
              <TextInput
                type="date"
                label={t('training.kpi.to')}
                value={to}
                onChange={(e) => setTo(e.currentTarget.value)}
              />
            </Group>
            {completion.isPending && validPeriod && <Skeleton height={120} />}
            {completion.isError && (
              <ProblemAlert error={completion.error} onRetry={() => void completion.refetch()} />
            )}
            {completion.data && <CompletionPanel data={completion.data} />}
          </Stack>
        </Section>
        <Stack gap="sm">
          <Title order={2} fz="h4">
            {t('training.matrix.title')}
          </Title>
          <Group align="flex-end" gap="sm">
            <GroupSelect label={t('training.matrix.group')} value={groupId} onChange={setGroupId} />
            <Select
              label={t('training.matrix.role')}
              data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              value={role}
              onChange={setRole}
              clearable
              placeholder={t('training.matrix.anyRole')}
              w={200}
            />
          </Group>
          {matrix.isPending && <Skeleton height={200} />}
          {matrix.isError && (
            <ProblemAlert error={matrix.error} onRetry={() => void matrix.refetch()} />
          )}
          {matrix.data && matrix.data.people.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('training.matrix.empty')}
            </Text>
          )}
          {matrix.data && matrix.data.people.length > 0 && (
            <Paper withBorder style={{ overflowX: 'auto' }}>
              <Table
                aria-label={t('training.matrix.title')}
                withColumnBorders
                verticalSpacing="xs"
                stickyHeader
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('training.fields.person')}</Table.Th>
                    {matrix.data.courses.map((c) => (
                      <Table.Th key={c.id} scope="col">
                        <AnchorLink
                          to="/training/courses/$courseId"
                          params={{ courseId: c.id }}
                          size="sm"
                          title={c.title}
                        >
                          {c.code}
                        </AnchorLink>
                      </Table.Th>
                    ))}
                    <Table.Th scope="col">{t('training.matrix.totals')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {matrix.data.people.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Th scope="row">
                        <Text size="sm" fw={500}>
                          {p.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {t(`roles.${p.role as (typeof ROLES)[number]}`)}
                        </Text>
                      </Table.Th>
                      {p.cells.map((cell) => (
                        <Table.Td key={cell.courseId}>
                          <Stack gap={2}>
                            {cell.assignmentId ? (
                              <AnchorLink
                                to="/training/assignments/$assignmentId"
                                params={{ assignmentId: cell.assignmentId }}
                                underline="never"
                              >
                                <CellState cell={cell} />
                              </AnchorLink>
                            ) : (
                              <CellState cell={cell} />
                            )}
                            {cell.date && (
                              <Text size="xs" c="dimmed">
                                <Day value={cell.date} />
                              </Text>
                            )}
                          </Stack>
                        </Table.Td>
                      ))}
                      <Table.Td>
                        <Text size="xs">{t('training.matrix.tally', p.totals)}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr>
                    <Table.Th scope="row">{t('training.matrix.totals')}</Table.Th>
                    {matrix.data.courses.map((c) => (
                      <Table.Td key={c.id}>
                        <Text size="xs">{t('training.matrix.tally', c.totals)}</Text>
                      </Table.Td>
                    ))}
                    <Table.Td>
                      <Text size="xs" fw={600}>
                        {t('training.matrix.tally', matrix.data.totals)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </Paper>
          )}
        </Stack>
      </Stack>
    </>
  );
}
