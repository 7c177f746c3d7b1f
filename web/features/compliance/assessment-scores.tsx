import { Group, Progress, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Scores } from './api';
import { useScoreFormat } from './format';
import { ScoreChip } from './heat-map';
import { scoreBand } from './scale';

// Overall and per-clause scores (the documented method: conformity share, where partial counts
// half, and average maturity against the average target). The bars repeat the percentages that
// stand next to them, for a glance; the numbers are the reading.

const BAR_COLOR = { red: 'red.7', amber: 'yellow.5', green: 'green.7', none: 'gray.4' } as const;

export function OverallScore({ scores }: { scores: Scores }) {
  const { t } = useTranslation();
  const format = useScoreFormat();
  const { overall } = scores;
  const facts = [
    {
      label: t('compliance.scores.conformity'),
      value: (
        <ScoreChip score={overall.conformity * 100} text={format.percent(overall.conformity)} />
      ),
    },
    {
      label: t('compliance.scores.maturity'),
      value: t('compliance.scores.maturityOfTarget', {
        maturity: format.maturity(overall.maturity),
        target: format.maturity(overall.targetMaturity),
      }),
    },
    { label: t('compliance.scores.gaps'), value: String(overall.gaps) },
    {
      label: t('compliance.scores.assessed'),
      value: t('compliance.scores.assessedOf', {
        assessed: overall.leafCount - overall.counts.not_assessed,
        total: overall.leafCount,
      }),
    },
  ];
  return (
    <Stack gap="sm">
      <Group gap="xl" wrap="wrap" component="dl" m={0}>
        {facts.map((fact) => (
          <div key={fact.label}>
            <Text component="dt" size="xs" c="dimmed" fw={500}>
              {fact.label}
            </Text>
            <Text component="dd" m={0} fz="lg" fw={650}>
              {fact.value}
            </Text>
          </div>
        ))}
      </Group>
      <Text size="sm" c="dimmed">
        {t('compliance.scores.counts', {
          conforming: overall.counts.conforming,
          partial: overall.counts.partially_conforming,
          nonconforming: overall.counts.nonconforming,
          notAssessed: overall.counts.not_assessed,
        })}
      </Text>
    </Stack>
  );
}

export function ClauseScoresTable({ scores }: { scores: Scores }) {
  const { t } = useTranslation();
  const format = useScoreFormat();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing={6} fz="sm" aria-label={t('compliance.scores.byClause')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('compliance.scores.clause')}</Table.Th>
            <Table.Th scope="col">{t('compliance.scores.conformity')}</Table.Th>
            <Table.Th scope="col" w="30%">
              <VisuallyHidden>{t('compliance.scores.chart')}</VisuallyHidden>
            </Table.Th>
            <Table.Th scope="col">{t('compliance.scores.maturity')}</Table.Th>
            <Table.Th scope="col">{t('compliance.scores.target')}</Table.Th>
            <Table.Th scope="col">{t('compliance.scores.gaps')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {scores.clauses.map((clause) => (
            <Table.Tr key={clause.clause}>
              <Table.Th scope="row" fw={500}>
                {clause.clause} {clause.title}
              </Table.Th>
              <Table.Td>
                <ScoreChip
                  score={clause.conformity * 100}
                  text={format.percent(clause.conformity)}
                />
              </Table.Td>
              <Table.Td>
                <Progress
                  value={clause.conformity * 100}
                  color={BAR_COLOR[scoreBand(clause.conformity * 100)]}
                  size="lg"
                  aria-hidden
                />
              </Table.Td>
              <Table.Td>{format.maturity(clause.maturity)}</Table.Td>
              <Table.Td>{format.maturity(clause.targetMaturity)}</Table.Td>
              <Table.Td>{clause.gaps}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
