import {
  ActionIcon,
  Button,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/dates';
import { Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { UserName } from '../admin-users/user-select';
import {
  addCriterion,
  CRITERION_RESULTS,
  type Criterion,
  type CriterionResult,
  type Release,
  removeCriterion,
  updateCriterion,
} from './api';
import { useReleaseWrite } from './use-release-write';

/** Acceptance criteria with their test results: who tested, when, and with what evidence. */
export function CriteriaSection({ release, editable }: { release: Release; editable: boolean }) {
  const { t } = useTranslation();
  const { run, error, busy } = useReleaseWrite();
  const [description, setDescription] = useState('');
  const r = release.readiness;
  return (
    <Section
      title={t('releases.criteria.title')}
      actions={
        <Text size="sm" c="dimmed">
          {t('releases.readiness.criteria', { passed: r.criteriaPassed, total: r.criteriaTotal })}
        </Text>
      }
    >
      <Stack gap="sm">
        {error !== null && <ProblemAlert error={error} />}
        {release.criteria.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('releases.criteria.empty')}
          </Text>
        ) : (
          <Table verticalSpacing="xs" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="35%">{t('releases.criteria.description')}</Table.Th>
                <Table.Th w={editable ? 230 : 110}>{t('releases.criteria.result')}</Table.Th>
                <Table.Th>{t('releases.criteria.evidence')}</Table.Th>
                {editable && <Table.Th w={44} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {release.criteria.map((criterion) => (
                <CriterionRow
                  key={`${criterion.id}:${criterion.version}`}
                  release={release}
                  criterion={criterion}
                  editable={editable}
                  run={run}
                />
              ))}
            </Table.Tbody>
          </Table>
        )}
        {editable && (
          <form
            noValidate
            onSubmit={async (event) => {
              event.preventDefault();
              if (!description.trim()) return;
              if (await run(() => addCriterion(release.id, description.trim()))) setDescription('');
            }}
          >
            <Group gap="xs" align="flex-end">
              <TextInput
                label={t('releases.criteria.new')}
                placeholder={t('releases.criteria.newPlaceholder')}
                value={description}
                onChange={(event) => setDescription(event.currentTarget.value)}
                maxLength={1000}
                style={{ flex: 1 }}
              />
              <Button
                type="submit"
                variant="default"
                leftSection={<IconPlus size={14} aria-hidden />}
                disabled={!description.trim()}
                loading={busy}
              >
                {t('releases.criteria.add')}
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Section>
  );
}

const RESULT_COLOR: Record<CriterionResult, string> = {
  not_run: 'gray',
  passed: 'green',
  failed: 'red',
};

function CriterionRow(props: {
  release: Release;
  criterion: Criterion;
  editable: boolean;
  run: ReturnType<typeof useReleaseWrite>['run'];
}) {
  const { release, criterion, editable, run } = props;
  const { t } = useTranslation();
  const [evidence, setEvidence] = useState(criterion.evidence ?? '');
  const evidenceDirty = evidence.trim() !== (criterion.evidence ?? '');
  return (
    <Table.Tr>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>
        <Text size="sm">{criterion.description}</Text>
        {criterion.testedAt && (
          <Text size="xs" c="dimmed">
            {t('releases.criteria.testedBy')} <UserName id={criterion.testedBy} />,{' '}
            <DateTime value={criterion.testedAt} />
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {editable ? (
          <SegmentedControl
            size="xs"
            aria-label={t('releases.criteria.resultOf', { criterion: criterion.description })}
            color={RESULT_COLOR[criterion.result]}
            value={criterion.result}
            data={CRITERION_RESULTS.map((value) => ({
              value,
              label: t(`releases.criterionResults.${value}`),
            }))}
            onChange={(value) =>
              void run(() =>
                updateCriterion(release.id, criterion, { result: value as CriterionResult }),
              )
            }
          />
        ) : (
          <Text size="sm" c={RESULT_COLOR[criterion.result]} fw={500}>
            {t(`releases.criterionResults.${criterion.result}`)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {editable ? (
          <Group gap={4} align="flex-start" wrap="nowrap">
            <Textarea
              size="xs"
              aria-label={t('releases.criteria.evidenceOf', { criterion: criterion.description })}
              placeholder={t('releases.criteria.evidencePlaceholder')}
              value={evidence}
              onChange={(event) => setEvidence(event.currentTarget.value)}
              autosize
              minRows={1}
              maxLength={4000}
              style={{ flex: 1 }}
            />
            {evidenceDirty && (
              <Button
                size="compact-xs"
                mt={4}
                onClick={() =>
                  void run(() =>
                    updateCriterion(release.id, criterion, { evidence: evidence.trim() || null }),
                  )
                }
              >
                {t('actions.save')}
              </Button>
            )}
          </Group>
        ) : (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {criterion.evidence ?? '—'}
          </Text>
        )}
      </Table.Td>
      {editable && (
        <Table.Td>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('releases.criteria.remove', { criterion: criterion.description })}
            onClick={() => void run(() => removeCriterion(release.id, criterion.id))}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
