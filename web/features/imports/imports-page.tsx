import { Button, Group, Skeleton, Stack, Stepper, Text } from '@mantine/core';
import { IconPlayerPlay, IconRefresh, IconTestPipe } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { type ImportType, importFieldsQuery, importRunQuery, startRun, type Upload } from './api';
import { MapStep, useFieldLabel } from './map-step';
import { guessDraft, type MappingDraft, toMapping } from './mapping';
import { RunReport, RunTickets } from './run-report';
import { RunsHistory } from './runs-history';
import { UploadStep } from './upload-step';

// Four steps, one screen: upload and choose the kind of records, map columns (with the first rows
// as they will be read), dry run (every bad row listed), import with progress. The runs history
// sits below, so a past report is one click away.
export function ImportsPage() {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const queryClient = useQueryClient();
  const fieldsQuery = useQuery(importFieldsQuery());
  const [step, setStep] = useState(0);
  const [type, setType] = useState<ImportType>('incidents');
  const [upload, setUpload] = useState<Upload | null>(null);
  const [draft, setDraft] = useState<MappingDraft | null>(null);
  const [dryRunId, setDryRunId] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const dryRun = useQuery({ ...importRunQuery(dryRunId ?? ''), enabled: dryRunId !== null });
  const realRun = useQuery({ ...importRunQuery(runId ?? ''), enabled: runId !== null });

  const spec = fieldsQuery.data?.find((f) => f.type === type);
  const start = useMutation({
    mutationFn: (dry: boolean) => {
      if (!upload || !draft || !spec) throw new Error('nothing to import');
      return startRun({
        fileId: upload.id,
        type,
        mapping: toMapping(draft, type, spec.sourceKey),
        dryRun: dry,
      });
    },
    onSuccess: ({ id }, dry) => {
      if (dry) setDryRunId(id);
      else {
        setRunId(id);
        setStep(3);
      }
      void queryClient.invalidateQueries({ queryKey: ['imports', 'runs'], exact: true });
    },
  });

  const reset = () => {
    setStep(0);
    setUpload(null);
    setDraft(null);
    setDryRunId(null);
    setRunId(null);
    start.reset();
  };

  if (fieldsQuery.isError)
    return <ProblemAlert error={fieldsQuery.error} onRetry={() => void fieldsQuery.refetch()} />;

  const dryDone = dryRun.data && dryRun.data.status !== 'running';
  const dryClean = dryDone && dryRun.data?.status === 'succeeded';
  const ticketsType = type === 'incidents' || type === 'requests';

  return (
    <>
      <PageHeader title={t('modules.imports.label')} description={t('imports.description')} />
      {!spec ? (
        <Skeleton h={200} />
      ) : (
        <Stepper active={step} onStepClick={setStep} allowNextStepsSelect={false} size="sm">
          <Stepper.Step
            label={t('imports.steps.upload')}
            description={t('imports.steps.uploadHint')}
          >
            <UploadStep
              type={type}
              onType={(next) => {
                setType(next);
                setDraft(null);
              }}
              onUploaded={(uploaded) => {
                setUpload(uploaded);
                // A corrected file with the same columns keeps the mapping made for it.
                const kept =
                  draft &&
                  [draft.sourceKey, ...Object.values(draft.columns)].every(
                    (c) => !c || uploaded.columns.includes(c),
                  );
                if (!kept) setDraft(guessDraft(spec.fields, uploaded.columns, label));
                setDryRunId(null);
                setRunId(null);
                setStep(1);
              }}
            />
          </Stepper.Step>
          <Stepper.Step label={t('imports.steps.map')} description={t('imports.steps.mapHint')}>
            {upload && draft && (
              <Stack gap="sm">
                <Text size="sm" c="dimmed">
                  {t('imports.upload.summary', {
                    fileName: upload.fileName,
                    count: upload.rowCount,
                    columns: upload.columns.length,
                  })}
                </Text>
                <MapStep
                  type={type}
                  fields={spec.fields}
                  needsKey={spec.sourceKey}
                  upload={upload}
                  draft={draft}
                  onDraft={(next) => {
                    setDraft(next);
                    setDryRunId(null);
                  }}
                  onBack={() => setStep(0)}
                  onNext={() => {
                    setStep(2);
                    start.mutate(true);
                  }}
                />
              </Stack>
            )}
          </Stepper.Step>
          <Stepper.Step
            label={t('imports.steps.dryRun')}
            description={t('imports.steps.dryRunHint')}
          >
            <Stack gap="md">
              {start.isError && <ProblemAlert error={start.error} />}
              {dryRunId && <RunReport runId={dryRunId} />}
              <Group>
                <Button variant="default" onClick={() => setStep(1)}>
                  {t('imports.run.back')}
                </Button>
                <Button
                  variant="default"
                  leftSection={<IconTestPipe size={16} aria-hidden />}
                  onClick={() => start.mutate(true)}
                  loading={start.isPending && start.variables === true}
                >
                  {t('imports.run.dryRunButton')}
                </Button>
                <Button
                  leftSection={<IconPlayerPlay size={16} aria-hidden />}
                  disabled={!dryClean}
                  onClick={() => start.mutate(false)}
                  loading={start.isPending && start.variables === false}
                >
                  {t('imports.run.importButton')}
                </Button>
              </Group>
            </Stack>
          </Stepper.Step>
          <Stepper.Step label={t('imports.steps.run')} description={t('imports.steps.runHint')}>
            <Stack gap="md">
              {runId && <RunReport runId={runId} />}
              {runId && ticketsType && realRun.data?.status === 'succeeded' && (
                <RunTickets runId={runId} />
              )}
              {realRun.data && realRun.data.status !== 'running' && (
                <Group>
                  <Button
                    variant="default"
                    leftSection={<IconRefresh size={16} aria-hidden />}
                    onClick={reset}
                  >
                    {t('imports.run.another')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Stepper.Step>
        </Stepper>
      )}
      <RunsHistory />
    </>
  );
}
