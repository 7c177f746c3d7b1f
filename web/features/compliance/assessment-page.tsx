import { Button, Menu, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconArrowsDiff,
  IconChevronDown,
  IconDownload,
  IconListCheck,
  IconLock,
} from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { notify } from '../../ui/notify';
import { PageHeader, Section } from '../../ui/page';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { usePermissions } from '../auth/session';
import {
  type Assessment,
  assessmentEvidenceQuery,
  assessmentQuery,
  closeAssessment,
  complianceKeys,
  gapReportUrl,
  gapsToTasks,
  type ItemEvidence,
  type Scores,
} from './api';
import { ClauseScoresTable, OverallScore } from './assessment-scores';
import { AssessmentStatusBadge } from './assessment-status';
import { useDayFormat, useScoreFormat } from './format';
import { ClauseHeatMap, type HeatMapClause } from './heat-map';
import { ItemPanel } from './item-panel';
import { RequirementTable } from './requirement-table';
import type { AssessmentSearch } from './routes';

const route = getRouteApi('/app/compliance/assessments/$assessmentId');

export function AssessmentPage() {
  const { t } = useTranslation();
  const { assessmentId } = route.useParams();
  const query = useQuery(assessmentQuery(assessmentId));
  if (query.isPending) return <RecordSkeleton />;
  if (query.isError)
    return (
      <>
        <PageHeader
          title={t('modules.assessments.label')}
          crumbs={[{ label: t('modules.assessments.label'), to: '/compliance/assessments' }]}
        />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/compliance/assessments"
          backLabel={t('compliance.assessment.backToList')}
        />
      </>
    );
  return <AssessmentView assessment={query.data} />;
}

type Format = ReturnType<typeof useScoreFormat>;

/** The server's heat map as cells that print their value and say what it means. */
function heatMapOf(scores: Scores, t: TFunction, format: Format): HeatMapClause[] {
  return scores.heatMap.map((clause) => ({
    number: clause.clause,
    title: clause.title,
    score: clause.conformity * 100,
    scoreText: format.percent(clause.conformity),
    description: t('compliance.heatMap.clauseDescription', {
      maturity: format.maturity(clause.maturity),
    }),
    requirements: clause.cells.map((cell) => {
      const assessed = cell.conformity !== 'not_assessed';
      return {
        number: cell.number,
        title: cell.title,
        score: assessed ? cell.score * 100 : null,
        scoreText: assessed
          ? `${format.percent(cell.score)} · ${cell.maturity}/${cell.targetMaturity}`
          : `— · ${cell.maturity}/${cell.targetMaturity}`,
        description: [
          t(`compliance.conformity.${cell.conformity}`),
          t('compliance.heatMap.maturityOfTarget', {
            maturity: `${cell.maturity} (${t(`compliance.maturity.${cell.maturity as 0}`)})`,
            target: `${cell.targetMaturity} (${t(`compliance.maturity.${cell.targetMaturity as 0}`)})`,
          }),
          cell.gap ? t('compliance.items.gap') : '',
        ]
          .filter(Boolean)
          .join(', '),
      };
    }),
  }));
}

function AssessmentView({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/compliance/assessments/$assessmentId' });
  const queryClient = useQueryClient();
  const format = useScoreFormat();
  const day = useDayFormat();
  const evidence = useQuery(assessmentEvidenceQuery(assessment.id));
  const [closeOpened, closeDialog] = useDisclosure(false);
  const [planning, setPlanning] = useState(false);
  const open = assessment.status === 'open';
  const canAssess = can('compliance.manage') && open;
  const canPlan = can('compliance.manage');
  const setSearch = (next: Partial<AssessmentSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...next }), replace: true });

  const heatMap = useMemo(
    () => heatMapOf(assessment.scores, t, format),
    [assessment.scores, t, format],
  );
  const evidenceByItem = useMemo(
    () =>
      evidence.data
        ? new Map<string, ItemEvidence>(evidence.data.items.map((e) => [e.itemId, e]))
        : undefined,
    [evidence.data],
  );
  const selected = assessment.items.find((item) => item.number === search.r);
  const reload = () =>
    void queryClient.invalidateQueries({ queryKey: complianceKeys.assessment(assessment.id) });

  const planAllGaps = async () => {
    setPlanning(true);
    try {
      const result = await gapsToTasks(assessment.id, {});
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: complianceKeys.roadmap }),
        queryClient.invalidateQueries({ queryKey: complianceKeys.assessment(assessment.id) }),
      ]);
      notify({
        color: 'green',
        message: t('compliance.assessment.gapsPlanned', {
          count: result.created.length,
          already: result.alreadyPlanned,
        }),
      });
    } catch (failure) {
      notify({ color: 'red', message: t('compliance.assessment.gapsPlanFailed') });
      console.error(failure);
    } finally {
      setPlanning(false);
    }
  };

  return (
    <>
      <PageHeader
        title={`${assessment.number} · ${assessment.title}`}
        crumbs={[{ label: t('modules.assessments.label'), to: '/compliance/assessments' }]}
        meta={
          <>
            <AssessmentStatusBadge status={assessment.status} />
            <Text size="sm" c="dimmed">
              {t('compliance.assessment.assessedOn', { date: day(assessment.assessedOn) })}
            </Text>
          </>
        }
        actions={
          <>
            <Button
              component="a"
              href={gapReportUrl(assessment.id)}
              download
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('compliance.assessment.downloadReport')}
            </Button>
            <Button
              variant="default"
              onClick={() =>
                void navigate({
                  to: '/compliance/assessments/compare',
                  search: { current: assessment.id },
                })
              }
              leftSection={<IconArrowsDiff size={16} aria-hidden />}
            >
              {t('compliance.assessment.compare')}
            </Button>
            {canPlan && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button
                    variant="default"
                    rightSection={<IconChevronDown size={14} aria-hidden />}
                  >
                    {t('compliance.assessment.more')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    leftSection={<IconListCheck size={16} aria-hidden />}
                    disabled={planning || assessment.scores.overall.gaps === 0}
                    onClick={() => void planAllGaps()}
                  >
                    {t('compliance.assessment.planAllGaps')}
                  </Menu.Item>
                  {open && (
                    <Menu.Item
                      leftSection={<IconLock size={16} aria-hidden />}
                      onClick={closeDialog.open}
                    >
                      {t('compliance.assessment.close')}
                    </Menu.Item>
                  )}
                </Menu.Dropdown>
              </Menu>
            )}
          </>
        }
      />
      <Stack gap="lg">
        {assessment.notes && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {assessment.notes}
          </Text>
        )}
        {!open && (
          <Text size="sm" c="dimmed">
            {t('compliance.assessment.closedHint')}
          </Text>
        )}
        <Section title={t('compliance.assessment.scoresTitle')}>
          <Stack gap="md">
            <OverallScore scores={assessment.scores} />
            <ClauseScoresTable scores={assessment.scores} />
            <Text size="xs" c="dimmed">
              {t('compliance.scores.method')}
            </Text>
          </Stack>
        </Section>
        <Section title={t('compliance.assessment.heatMapTitle')}>
          <ClauseHeatMap
            label={t('compliance.assessment.heatMapLabel', { number: assessment.number })}
            clauses={heatMap}
            selected={search.r}
            onSelect={(r) => setSearch({ r })}
          />
        </Section>
        <Section title={t('compliance.assessment.requirementsTitle')}>
          <RequirementTable
            assessmentId={assessment.id}
            items={assessment.items}
            evidence={evidenceByItem}
            clauses={assessment.scores.clauses}
            clause={search.clause}
            gapsOnly={search.gaps ?? false}
            onFilter={(next) => setSearch(next)}
          />
        </Section>
      </Stack>
      <ItemPanel
        assessmentId={assessment.id}
        assessedOn={assessment.assessedOn}
        item={selected}
        canAssess={canAssess}
        onClose={() => setSearch({ r: undefined })}
        onReload={reload}
      />
      <ConfirmDialog
        opened={closeOpened}
        onClose={closeDialog.close}
        title={t('compliance.assessment.closeTitle')}
        description={t('compliance.assessment.closeDescription')}
        confirmLabel={t('compliance.assessment.close')}
        onConfirm={async () => {
          const saved = await closeAssessment(assessment.id, assessment.version);
          queryClient.setQueryData(complianceKeys.assessment(assessment.id), saved);
          void queryClient.invalidateQueries({ queryKey: complianceKeys.assessments });
          notify({ color: 'green', message: t('compliance.assessment.closed') });
        }}
      />
    </>
  );
}
