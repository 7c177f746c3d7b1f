import { Button, EmptyState, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowsDiff, IconClipboardCheck, IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '../../ui/data-table';
import { ExportMenu } from '../../ui/export-menu';
import { FormDialog } from '../../ui/form-dialog';
import { AnchorLink } from '../../ui/links';
import { notify } from '../../ui/notify';
import { PageHeader } from '../../ui/page';
import { usePermissions } from '../auth/session';
import {
  type Assessment,
  type AssessmentSummary,
  allAssessmentsQuery,
  assessmentsQuery,
  complianceKeys,
  createAssessment,
} from './api';
import { AssessmentStatusBadge } from './assessment-status';
import { todayKey, useDayFormat, useScoreFormat } from './format';
import { ScoreChip } from './heat-map';

export function AssessmentsPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const navigate = useNavigate();
  const [createOpened, create] = useDisclosure(false);
  const query = useInfiniteQuery(assessmentsQuery());
  const score = useScoreFormat();
  const day = useDayFormat();
  const open = (id: string) =>
    void navigate({ to: '/compliance/assessments/$assessmentId', params: { assessmentId: id } });

  const columns: Column<AssessmentSummary>[] = [
    {
      id: 'number',
      header: t('compliance.assessment.fields.number'),
      cell: (a) => (
        <AnchorLink
          to="/compliance/assessments/$assessmentId"
          params={{ assessmentId: a.id }}
          fw={500}
          size="sm"
        >
          {a.number}
        </AnchorLink>
      ),
    },
    {
      id: 'title',
      header: t('compliance.assessment.fields.title'),
      cell: (a) => a.title,
      wrap: true,
    },
    {
      id: 'assessedOn',
      header: t('compliance.assessment.fields.assessedOn'),
      cell: (a) => day(a.assessedOn),
    },
    {
      id: 'status',
      header: t('compliance.assessment.fields.status'),
      cell: (a) => <AssessmentStatusBadge status={a.status} />,
    },
    {
      id: 'conformity',
      header: t('compliance.scores.conformity'),
      cell: (a) => (
        <ScoreChip score={a.overall.conformity * 100} text={score.percent(a.overall.conformity)} />
      ),
    },
    {
      id: 'maturity',
      header: t('compliance.scores.maturity'),
      cell: (a) => score.maturity(a.overall.maturity),
    },
    { id: 'gaps', header: t('compliance.scores.gaps'), cell: (a) => a.overall.gaps },
  ];

  return (
    <>
      <PageHeader
        title={t('modules.assessments.label')}
        description={t('compliance.assessments.description')}
        actions={
          <Group gap="xs">
            {/* The screen has no filter yet: the export holds every assessment. */}
            <ExportMenu path="/compliance/assessments" />
            <Button
              variant="default"
              component={Link}
              to="/compliance/assessments/compare"
              leftSection={<IconArrowsDiff size={16} aria-hidden />}
            >
              {t('compliance.compare.open')}
            </Button>
            {can('compliance.manage') && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
                {t('compliance.assessments.create')}
              </Button>
            )}
          </Group>
        }
      />
      <DataTable
        label={t('modules.assessments.label')}
        storageKey="compliance-assessments"
        columns={columns}
        query={query}
        rowKey={(a) => a.id}
        onOpen={(a) => open(a.id)}
        empty={
          <EmptyState
            icon={<IconClipboardCheck size={28} aria-hidden />}
            title={t('compliance.assessments.emptyTitle')}
            description={t('compliance.assessments.emptyDescription')}
            withIndicatorBackground
          >
            {can('compliance.manage') && (
              <EmptyState.Actions>
                <Button onClick={create.open}>{t('compliance.assessments.create')}</Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        }
      />
      {can('compliance.manage') && (
        <AssessmentCreateDialog
          opened={createOpened}
          onClose={create.close}
          onCreated={(a) => open(a.id)}
        />
      )}
    </>
  );
}

interface Values extends Record<string, unknown> {
  title: string;
  assessedOn: string;
  copyFrom: string | null;
  notes: string;
}

function AssessmentCreateDialog(props: {
  opened: boolean;
  onClose: () => void;
  onCreated: (assessment: Assessment) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const earlier = useQuery({ ...allAssessmentsQuery, enabled: props.opened });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { title: '', assessedOn: todayKey(), copyFrom: null, notes: '' },
    validate: {
      title: (value) => (value.trim() ? null : t('validation.required')),
      assessedOn: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? null : t('validation.required')),
    },
  });
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t('compliance.assessments.createTitle')}
      submitLabel={t('compliance.assessments.createSubmit')}
      form={form}
      size="lg"
      onSubmit={async (values, idempotencyKey) => {
        const created = await createAssessment(
          {
            title: values.title.trim(),
            assessedOn: values.assessedOn,
            ...(values.notes.trim() ? { notes: values.notes.trim() } : {}),
            ...(values.copyFrom ? { copyFrom: values.copyFrom } : {}),
          },
          idempotencyKey,
        );
        await queryClient.invalidateQueries({ queryKey: complianceKeys.assessments });
        notify({
          color: 'green',
          message: t('compliance.assessments.created', { number: created.number }),
        });
        props.onCreated(created);
      }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('compliance.assessments.coversAll')}
        </Text>
        <TextInput
          label={t('compliance.assessment.fields.title')}
          placeholder={t('compliance.assessments.titlePlaceholder')}
          required
          data-autofocus
          {...form.getInputProps('title')}
        />
        <TextInput
          type="date"
          label={t('compliance.assessment.fields.assessedOn')}
          required
          w={200}
          {...form.getInputProps('assessedOn')}
        />
        <Select
          label={t('compliance.assessments.copyFrom')}
          description={t('compliance.assessments.copyFromHint')}
          placeholder={t('compliance.assessments.startBlank')}
          data={(earlier.data?.items ?? []).map((a) => ({
            value: a.id,
            label: `${a.number} · ${a.title}`,
          }))}
          clearable
          {...form.getInputProps('copyFrom')}
        />
        <Textarea
          label={t('compliance.assessment.fields.notes')}
          autosize
          minRows={2}
          {...form.getInputProps('notes')}
        />
      </Stack>
    </FormDialog>
  );
}
