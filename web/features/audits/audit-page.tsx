import {
  Alert,
  Anchor,
  Button,
  Group,
  Radio,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, request } from '../../api/client';
import { AnchorLink } from '../../ui/links';
import { notify } from '../../ui/notify';
import { Fact, Facts, PageHeader, RecordLayout, Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { usePermissions } from '../auth/session';
import {
  type Audit,
  type AuditStatus,
  auditQuery,
  NEXT_STATUSES,
  programmeQuery,
  reportUrl,
  SAMPLE_RESULTS,
  type SampleEntry,
  type SampleResult,
  useAuditWrite,
} from './api';
import { FindingCard, RaiseFindingDialog } from './finding-panel';
import { AuditStatusBadge, ResultBadge, useDayFormat, useRateText } from './labels';
import { PlanAuditDialog } from './programme-dialogs';

const route = getRouteApi('/app/audits/$auditId');

export function AuditPage() {
  const { auditId } = route.useParams();
  const { t } = useTranslation();
  const audit = useQuery(auditQuery(auditId));
  if (audit.isPending) return <RecordSkeleton />;
  if (audit.isError)
    return (
      <RecordError
        error={audit.error}
        onRetry={() => audit.refetch()}
        backTo="/audits"
        backLabel={t('audits.backToProgramme')}
      />
    );
  return <AuditRecord audit={audit.data} />;
}

function AuditRecord({ audit }: { audit: Audit }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const rateText = useRateText();
  const day = useDayFormat();
  const write = useAuditWrite();
  const [raising, setRaising] = useState(false);
  const [editing, setEditing] = useState(false);
  const editable =
    can('audits.manage') && (audit.status === 'planned' || audit.status === 'in-progress');
  const programme = useQuery({ ...programmeQuery(audit.programmeId), enabled: editable });
  const recording = can('audits.record') && audit.status === 'in-progress';
  const name = (id: string | null) => (id ? (audit.names[id] ?? id) : t('audits.nobody'));

  const move = (status: AuditStatus) =>
    write.run(async () => {
      const saved = await api.post<Audit>(
        `/api/v1/audits/${audit.id}/transitions`,
        { status },
        { version: audit.version },
      );
      notify({ message: t(`audits.moved.${status}`, { number: audit.number }) });
      return saved;
    });
  const moves = NEXT_STATUSES[audit.status].filter((s) =>
    s === 'cancelled' ? can('audits.manage') : can('audits.record'),
  );

  return (
    <>
      <PageHeader
        title={`${audit.number} ${audit.title}`}
        crumbs={[{ label: t('audits.title'), to: '/audits' }]}
        meta={
          <>
            <AuditStatusBadge status={audit.status} />
            <Text size="sm">{t(`audits.types.${audit.type}`)}</Text>
            <Text size="sm" c="dimmed">
              {day(audit.plannedStart)} – {day(audit.plannedEnd)}
            </Text>
          </>
        }
        actions={
          <>
            {editable && (
              <Button variant="default" onClick={() => setEditing(true)} disabled={!programme.data}>
                {t('audits.plan.edit')}
              </Button>
            )}
            {moves.map((s) => (
              <Button
                key={s}
                variant={s === 'cancelled' ? 'default' : 'filled'}
                color={s === 'cancelled' ? 'red' : undefined}
                loading={write.busy}
                onClick={() => void move(s)}
              >
                {t(`audits.moves.${s}`)}
              </Button>
            ))}
            <Button
              component="a"
              href={reportUrl(audit.id)}
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('audits.report')}
            </Button>
          </>
        }
      />
      {write.error !== null && <ProblemAlert error={write.error} />}
      <RecordLayout
        main={
          <>
            <Section title={t('audits.sample.title')}>
              {audit.sample.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('audits.sample.empty')}
                </Text>
              ) : (
                <Stack gap="sm">
                  {!recording && (
                    <Text size="sm" c="dimmed">
                      {audit.status === 'planned'
                        ? t('audits.sample.startFirst')
                        : t('audits.sample.readOnly')}
                    </Text>
                  )}
                  {audit.sample.map((entry) => (
                    <SampleRow
                      key={entry.requirement}
                      audit={audit}
                      entry={entry}
                      editable={recording}
                    />
                  ))}
                </Stack>
              )}
            </Section>
            <Section
              title={t('audits.findings.title')}
              actions={
                recording && (
                  <Button
                    size="xs"
                    leftSection={<IconPlus size={14} aria-hidden />}
                    onClick={() => setRaising(true)}
                  >
                    {t('audits.findings.raise')}
                  </Button>
                )
              }
            >
              {audit.findings.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('audits.findings.empty')}
                </Text>
              ) : (
                <Stack gap="md">
                  {audit.findings.map((f) => (
                    <FindingCard key={f.id} finding={f} names={audit.names} />
                  ))}
                </Stack>
              )}
            </Section>
          </>
        }
        side={
          <>
            {audit.independence.length > 0 && (
              <Alert
                color="orange"
                // The orange title on the light orange ground is too faint: the text colour reads.
                styles={{ title: { color: 'var(--mantine-color-text)' } }}
                variant="light"
                icon={<IconAlertTriangle aria-hidden />}
                title={t('audits.independence.title')}
              >
                <Stack gap={4}>
                  {audit.independence.map((w) => (
                    <Text size="sm" key={`${w.userId}-${w.groupId}`}>
                      {t(`audits.independence.${w.relation}`, {
                        name: w.userName,
                        group: w.groupName,
                      })}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            )}
            <Section title={t('audits.facts')}>
              <Facts>
                <Fact label={t('audits.fields.programme')}>
                  <AnchorLink to="/audits">{audit.programmeName}</AnchorLink>
                </Fact>
                <Fact label={t('audits.fields.leadAuditor')}>{name(audit.leadAuditorId)}</Fact>
                <Fact label={t('audits.fields.team')}>
                  {audit.teamIds.length ? audit.teamIds.map(name).join(', ') : t('audits.nobody')}
                </Fact>
                <Fact label={t('audits.fields.scope')}>{audit.scope || '—'}</Fact>
                <Fact label={t('audits.rate.thisAudit')}>
                  {rateText(audit.successRate.rate)}
                  {audit.successRate.audited > 0 &&
                    ` ${t('audits.rate.ofAudited', {
                      conforming: audit.successRate.conforming,
                      audited: audit.successRate.audited,
                    })}`}
                </Fact>
              </Facts>
            </Section>
          </>
        }
      />
      <RaiseFindingDialog opened={raising} onClose={() => setRaising(false)} audit={audit} />
      {programme.data && editing && (
        <PlanAuditDialog
          opened={editing}
          onClose={() => setEditing(false)}
          programme={programme.data}
          audit={audit}
          onSaved={() => setEditing(false)}
        />
      )}
    </>
  );
}

function SampleRow(props: { audit: Audit; entry: SampleEntry; editable: boolean }) {
  const { audit, entry, editable } = props;
  const { t } = useTranslation();
  const write = useAuditWrite();
  const [result, setResult] = useState<SampleResult>(entry.result);
  const [evidence, setEvidence] = useState(entry.evidence);
  const [records, setRecords] = useState(entry.records.map((r) => r.ref).join(', '));
  const dirty =
    result !== entry.result ||
    evidence !== entry.evidence ||
    records !== entry.records.map((r) => r.ref).join(', ');
  const save = () =>
    write.run(async () => {
      const refs = records
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
      const saved = await request<Audit>(
        'PUT',
        `/api/v1/audits/${audit.id}/results/${encodeURIComponent(entry.requirement)}`,
        { body: { result, evidence, records: refs.map((ref) => ({ label: ref, ref })) } },
      );
      notify({ message: t('audits.sample.saved', { requirement: entry.requirement }) });
      return saved;
    });
  const id = `sample-${entry.requirement.replace(/\./g, '-')}`;
  return (
    <Stack
      gap={6}
      p="sm"
      component="fieldset"
      aria-labelledby={id}
      style={{
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 4,
        margin: 0,
      }}
    >
      <Group justify="space-between" gap="xs">
        <Text fw={600} size="sm" id={id}>
          {entry.requirement} {entry.title}
        </Text>
        <ResultBadge result={entry.result} />
      </Group>
      {editable ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <Stack gap={6}>
            <Radio.Group
              value={result}
              onChange={(v) => setResult(v as SampleResult)}
              label={t('audits.sample.result', { requirement: entry.requirement })}
            >
              <Group gap="md" mt={4}>
                {SAMPLE_RESULTS.map((r) => (
                  <Radio key={r} value={r} label={t(`audits.results.${r}`)} />
                ))}
              </Group>
            </Radio.Group>
            <Textarea
              label={t('audits.sample.evidence', { requirement: entry.requirement })}
              autosize
              minRows={1}
              value={evidence}
              onChange={(e) => setEvidence(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  void save();
                }
              }}
            />
            <TextInput
              label={t('audits.sample.records', { requirement: entry.requirement })}
              description={t('audits.sample.recordsHint')}
              value={records}
              onChange={(e) => setRecords(e.currentTarget.value)}
            />
            {write.error !== null && <ProblemAlert error={write.error} />}
            <Group>
              <Button type="submit" size="xs" disabled={!dirty} loading={write.busy}>
                {t('audits.sample.save', { requirement: entry.requirement })}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <>
          {entry.evidence && <Text size="sm">{entry.evidence}</Text>}
          {entry.records.length > 0 && (
            <Table withRowBorders={false} verticalSpacing={0}>
              <Table.Tbody>
                {entry.records.map((r) => (
                  <Table.Tr key={r.ref}>
                    <Table.Td>
                      {/^https?:\/\//.test(r.ref) ? (
                        <Anchor href={r.ref} size="sm">
                          {r.label}
                        </Anchor>
                      ) : (
                        <Text size="sm">{r.label}</Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </Stack>
  );
}
