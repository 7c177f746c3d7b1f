import { Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../ui/problem';
import { gradeSchemesQuery } from './api';
import { GradeBadge } from './labels';

/** The grade lists of the certification bodies, each grade with the kind that drives the rules. */
export function GradeSchemes() {
  const { t } = useTranslation();
  const schemes = useQuery(gradeSchemesQuery());
  if (schemes.isError)
    return <ProblemAlert error={schemes.error} onRetry={() => schemes.refetch()} />;
  return (
    <Stack gap="sm">
      {(schemes.data ?? []).map((s) => (
        <Stack key={s.id} gap={4}>
          <Text fw={600}>{s.name === 'Default' ? t('audits.schemes.default') : s.name}</Text>
          <Group gap="md">
            {s.grades.map((g) => (
              <Group key={g.key} gap={4} wrap="nowrap">
                <GradeBadge finding={{ gradeKind: g.kind, gradeLabel: g.label }} />
                {g.label !== t(`audits.kinds.${g.kind}`) && (
                  <Text size="xs" c="dimmed">
                    {t(`audits.kinds.${g.kind}`)}
                  </Text>
                )}
              </Group>
            ))}
          </Group>
        </Stack>
      ))}
    </Stack>
  );
}
