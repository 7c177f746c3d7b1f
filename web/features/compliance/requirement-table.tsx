import { Box, Checkbox, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/links';
import { StatusBadge } from '../../ui/status-badge';
import { UserName } from '../admin-users/user-select';
import type { AssessmentItem, ItemEvidence } from './api';
import { FreshnessBadge } from './evidence-figure';
import { useDayFormat } from './format';
import { ConformityBadge, MaturityBadge } from './scale-inputs';

// Every requirement of the assessment in one dense table: where it stands, whether live evidence
// backs it and how fresh, who owns closing it. The number opens the requirement's panel.

interface RequirementTableProps {
  assessmentId: string;
  items: AssessmentItem[];
  evidence: Map<string, ItemEvidence> | undefined;
  clauses: { clause: string; title: string }[];
  clause: string | undefined;
  gapsOnly: boolean;
  onFilter: (next: { clause?: string; gaps?: boolean }) => void;
}

export function RequirementTable(props: RequirementTableProps) {
  const { assessmentId, items, evidence, clauses, clause, gapsOnly, onFilter } = props;
  const { t } = useTranslation();
  const day = useDayFormat();
  const shown = items.filter(
    (item) => (!clause || item.clause === clause) && (!gapsOnly || item.gap),
  );
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end">
        <Select
          aria-label={t('compliance.library.clauseFilter')}
          placeholder={t('compliance.library.anyClause')}
          data={clauses.map((c) => ({ value: c.clause, label: `${c.clause} ${c.title}` }))}
          value={clause ?? null}
          onChange={(value) =>
            onFilter({ clause: value ?? undefined, gaps: gapsOnly || undefined })
          }
          clearable
          w={260}
        />
        <Checkbox
          label={t('compliance.items.gapsOnly')}
          checked={gapsOnly}
          onChange={(event) => onFilter({ clause, gaps: event.currentTarget.checked || undefined })}
        />
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('compliance.items.shown', { count: shown.length })}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={820}>
        <Table
          verticalSpacing={5}
          horizontalSpacing="xs"
          fz="sm"
          highlightOnHover
          aria-label={t('compliance.items.label')}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('compliance.items.requirement')}</Table.Th>
              <Table.Th scope="col">{t('compliance.items.conformity')}</Table.Th>
              <Table.Th scope="col">{t('compliance.items.maturityTarget')}</Table.Th>
              <Table.Th scope="col">{t('compliance.items.evidence')}</Table.Th>
              <Table.Th scope="col">{t('compliance.items.owner')}</Table.Th>
              <Table.Th scope="col">{t('compliance.items.dueDate')}</Table.Th>
              <Table.Th scope="col">{t('compliance.items.tasks')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((item) => {
              const proof = evidence?.get(item.id);
              return (
                <Table.Tr key={item.id}>
                  <Table.Td style={{ minWidth: 260 }}>
                    <AnchorLink
                      to="/compliance/assessments/$assessmentId"
                      params={{ assessmentId }}
                      search={(prev) => ({ ...prev, r: item.number })}
                      size="sm"
                      fw={500}
                    >
                      {item.number} {item.title}
                    </AnchorLink>
                    {item.gap && (
                      <Box component="span" ml={6}>
                        <StatusBadge tone="waiting" size="xs" label={t('compliance.items.gap')} />
                      </Box>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <ConformityBadge conformity={item.conformity} />
                  </Table.Td>
                  <Table.Td>
                    <MaturityBadge level={item.maturity} target={item.targetMaturity} />
                  </Table.Td>
                  <Table.Td>
                    {proof ? (
                      <Stack gap={2}>
                        <FreshnessBadge
                          freshness={
                            proof.live.exists
                              ? freshnessOfAge(proof.live.ageDays)
                              : proof.linked.length + proof.suggested.length > 0
                                ? 'empty'
                                : 'unavailable'
                          }
                          ageDays={proof.live.ageDays}
                        />
                        {proof.documents.length > 0 && (
                          <Text size="xs" c="dimmed">
                            {t('compliance.items.documentCount', { count: proof.documents.length })}
                          </Text>
                        )}
                      </Stack>
                    ) : (
                      '…'
                    )}
                  </Table.Td>
                  <Table.Td>{item.ownerId ? <UserName id={item.ownerId} /> : '—'}</Table.Td>
                  <Table.Td>{day(item.dueDate)}</Table.Td>
                  <Table.Td>{item.taskIds.length || '—'}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

export function freshnessOfAge(ageDays: number | null) {
  if (ageDays === null) return 'empty' as const;
  if (ageDays <= 30) return 'fresh' as const;
  if (ageDays <= 90) return 'ageing' as const;
  return 'stale' as const;
}
