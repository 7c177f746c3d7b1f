import {
  Badge,
  Button,
  Group,
  MultiSelect,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Attachments } from '../../ui/attachments';
import { DateTime } from '../../ui/dates';
import { FormDialog } from '../../ui/form-dialog';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/problem';
import { usePermissions, useSession } from '../auth/session';
import { PersonSelect } from '../catalogue/person-select';
import { RaiseImprovementButton } from '../improvements/raise-improvement-button';
import { type Audit, auditsKeys, type Finding, isNonconformity, useAuditWrite } from './api';
import { ActionBadge, GradeBadge, OverdueBadge, useDayFormat } from './labels';

export function RaiseFindingDialog(props: { opened: boolean; onClose: () => void; audit: Audit }) {
  const { audit } = props;
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      gradeKey: audit.grades[0]?.key ?? '',
      title: '',
      statement: '',
      evidence: '',
      requirements: [] as string[],
    },
    validate: {
      title: (v) => (v.trim() ? null : t('validation.required')),
      statement: (v) => (v.trim() ? null : t('validation.required')),
      requirements: (v) => (v.length ? null : t('audits.findings.requirementsRequired')),
    },
  });
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t('audits.findings.raise')}
      submitLabel={t('audits.findings.raiseSubmit')}
      form={form}
      size="lg"
      onSubmit={async (values, idempotencyKey) => {
        const created = await api.post<Finding>(`/api/v1/audits/${audit.id}/findings`, values, {
          idempotencyKey,
        });
        await queryClient.invalidateQueries({ queryKey: auditsKeys.all });
        notify({ message: t('audits.findings.raised', { reference: created.reference }) });
      }}
    >
      <Select
        label={t('audits.fields.grade')}
        allowDeselect={false}
        data={audit.grades.map((g) => ({ value: g.key, label: g.label }))}
        {...form.getInputProps('gradeKey')}
      />
      <TextInput label={t('audits.fields.title')} required {...form.getInputProps('title')} />
      <Textarea
        label={t('audits.fields.statement')}
        required
        autosize
        minRows={2}
        {...form.getInputProps('statement')}
      />
      <Textarea
        label={t('audits.fields.evidence')}
        autosize
        minRows={2}
        {...form.getInputProps('evidence')}
      />
      <MultiSelect
        label={t('audits.fields.requirements')}
        required
        data={audit.sample.map((s) => ({
          value: s.requirement,
          label: `${s.requirement} ${s.title}`,
        }))}
        searchable
        {...form.getInputProps('requirements')}
      />
    </FormDialog>
  );
}

export function FindingCard({
  finding,
  names,
}: {
  finding: Finding;
  names: Record<string, string>;
}) {
  const { t } = useTranslation();
  const can = usePermissions();
  const { user } = useSession();
  const write = useAuditWrite();
  const nc = isNonconformity(finding.gradeKind);
  const close = () =>
    write.run(async () => {
      const saved = await api.post<Finding>(
        `/api/v1/audit-findings/${finding.id}/close`,
        undefined,
        {
          version: finding.version,
        },
      );
      notify({ message: t('audits.findings.closed', { reference: finding.reference }) });
      return saved;
    });
  return (
    <Paper
      withBorder
      p="sm"
      component="article"
      aria-label={`${finding.reference} ${finding.title}`}
    >
      <Stack gap={6}>
        <Group gap="xs">
          <Text fw={700} size="sm">
            {finding.reference}
          </Text>
          <GradeBadge finding={finding} />
          <ActionBadge finding={finding} />
          {finding.overdue && <OverdueBadge />}
          {finding.requirements.map((r) => (
            <Badge key={r} variant="default" size="sm" radius="sm">
              {r}
            </Badge>
          ))}
        </Group>
        <Text fw={600}>{finding.title}</Text>
        <Text size="sm">{finding.statement}</Text>
        {finding.evidence && (
          <Text size="sm" c="dimmed">
            {t('audits.fields.evidence')}: {finding.evidence}
          </Text>
        )}
        <Stack
          gap={4}
          component="section"
          aria-label={t('audits.findings.files', { reference: finding.reference })}
        >
          <Text size="sm" fw={600}>
            {t('audits.findings.files', { reference: finding.reference })}
          </Text>
          <Attachments
            ownerType="audit-finding"
            ownerId={finding.id}
            canUpload={
              finding.status === 'open' &&
              (can('audits.record') ||
                (!!finding.actionOwnerId && finding.actionOwnerId === user.id))
            }
          />
        </Stack>
        {nc && <CorrectiveAction finding={finding} names={names} />}
        {finding.status === 'open' && (
          <Group gap="xs">
            {!nc && (
              <RaiseImprovementButton
                source="audit-finding"
                sourceId={finding.id}
                sourceLabel={finding.reference}
                defaultTitle={finding.title}
                defaultDescription={finding.statement}
              />
            )}
            {can('audits.record') && (
              <Button size="xs" variant="default" loading={write.busy} onClick={() => void close()}>
                {t('audits.findings.close', { reference: finding.reference })}
              </Button>
            )}
          </Group>
        )}
        {finding.status === 'closed' && (
          <Text size="sm" c="dimmed">
            {t('audits.findings.closedOn')} <DateTime value={finding.closedAt} format="date" />
          </Text>
        )}
        {write.error !== null && <ProblemAlert error={write.error} />}
      </Stack>
    </Paper>
  );
}

function CorrectiveAction({ finding, names }: { finding: Finding; names: Record<string, string> }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const { user } = useSession();
  const write = useAuditWrite();
  const day = useDayFormat();
  const isOwner = finding.actionOwnerId === user.id;
  const open = finding.status === 'open' && finding.actionState !== 'verified';
  const editable = open && (can('audits.record') || isOwner);
  const assign = open && can('audits.manage');
  const [values, setValues] = useState({
    correction: finding.correction ?? '',
    rootCause: finding.rootCause ?? '',
    action: finding.action ?? '',
    actionOwnerId: finding.actionOwnerId,
    actionDue: finding.actionDue ?? '',
  });
  const [effective, setEffective] = useState<'yes' | 'no'>('yes');
  const [notes, setNotes] = useState('');
  const set = (key: keyof typeof values) => (value: string | null) =>
    setValues((v) => ({ ...v, [key]: value }));

  const save = (done?: boolean) =>
    write.run(async () => {
      const body: Record<string, unknown> = {
        correction: values.correction,
        rootCause: values.rootCause,
        action: values.action,
      };
      if (assign) {
        body.actionOwnerId = values.actionOwnerId;
        body.actionDue = values.actionDue || null;
      }
      if (done !== undefined) body.done = done;
      const saved = await api.patch<Finding>(`/api/v1/audit-findings/${finding.id}/action`, body, {
        version: finding.version,
      });
      notify({
        message: t(done ? 'audits.action.markedDone' : 'audits.action.saved', {
          reference: finding.reference,
        }),
      });
      return saved;
    });
  const verify = () =>
    write.run(async () => {
      const saved = await api.post<Finding>(
        `/api/v1/audit-findings/${finding.id}/verification`,
        { effective: effective === 'yes', notes },
        { version: finding.version },
      );
      notify({ message: t('audits.verification.recorded', { reference: finding.reference }) });
      return saved;
    });
  const who = (id: string | null) =>
    id ? (names[id] ?? finding.actionOwnerName ?? id) : t('audits.nobody');

  return (
    <Stack
      gap="xs"
      p="sm"
      component="section"
      aria-label={t('audits.action.title', { reference: finding.reference })}
      style={{ background: 'var(--mantine-color-default-hover)', borderRadius: 4 }}
    >
      <Text fw={600} size="sm">
        {t('audits.action.title', { reference: finding.reference })}
      </Text>
      {editable ? (
        <>
          <Textarea
            label={t('audits.fields.correction')}
            autosize
            minRows={1}
            value={values.correction}
            onChange={(e) => set('correction')(e.currentTarget.value)}
          />
          <Textarea
            label={t('audits.fields.rootCause')}
            autosize
            minRows={1}
            value={values.rootCause}
            onChange={(e) => set('rootCause')(e.currentTarget.value)}
          />
          <Textarea
            label={t('audits.fields.action')}
            autosize
            minRows={1}
            value={values.action}
            onChange={(e) => set('action')(e.currentTarget.value)}
          />
          <Group grow align="flex-start">
            {assign ? (
              <PersonSelect
                label={t('audits.fields.actionOwner')}
                value={values.actionOwnerId}
                onChange={set('actionOwnerId')}
              />
            ) : (
              <TextInput
                label={t('audits.fields.actionOwner')}
                value={who(finding.actionOwnerId)}
                readOnly
              />
            )}
            <TextInput
              type="date"
              label={t('audits.fields.actionDue')}
              value={values.actionDue}
              readOnly={!assign}
              onChange={(e) => set('actionDue')(e.currentTarget.value)}
            />
          </Group>
          <Group gap="xs">
            <Button size="xs" loading={write.busy} onClick={() => void save()}>
              {t('audits.action.save')}
            </Button>
            {finding.actionState !== 'done' ? (
              <Button
                size="xs"
                variant="light"
                loading={write.busy}
                onClick={() => void save(true)}
              >
                {t('audits.action.markDone')}
              </Button>
            ) : (
              <Button
                size="xs"
                variant="default"
                loading={write.busy}
                onClick={() => void save(false)}
              >
                {t('audits.action.reopen')}
              </Button>
            )}
          </Group>
        </>
      ) : (
        <Stack gap={2}>
          <Text size="sm">
            {t('audits.fields.correction')}: {finding.correction ?? '—'}
          </Text>
          <Text size="sm">
            {t('audits.fields.rootCause')}: {finding.rootCause ?? '—'}
          </Text>
          <Text size="sm">
            {t('audits.fields.action')}: {finding.action ?? '—'}
          </Text>
          <Text size="sm">
            {t('audits.fields.actionOwner')}: {who(finding.actionOwnerId)} ·{' '}
            {t('audits.fields.actionDue')}: {day(finding.actionDue)}
          </Text>
        </Stack>
      )}
      {finding.verifiedAt && (
        <Text size="sm">
          {t(
            finding.effective
              ? 'audits.verification.effective'
              : 'audits.verification.notEffective',
            {
              name: who(finding.verifiedBy),
            },
          )}{' '}
          <DateTime value={finding.verifiedAt} format="date" />
          {finding.verificationNotes ? ` · ${finding.verificationNotes}` : ''}
        </Text>
      )}
      {finding.status === 'open' && finding.actionState === 'done' && can('audits.record') && (
        <Stack gap={6}>
          <Radio.Group
            label={t('audits.verification.question')}
            value={effective}
            onChange={(v) => setEffective(v as 'yes' | 'no')}
          >
            <Group gap="md" mt={4}>
              <Radio value="yes" label={t('audits.verification.yes')} />
              <Radio value="no" label={t('audits.verification.no')} />
            </Group>
          </Radio.Group>
          <Textarea
            label={t('audits.verification.notes')}
            autosize
            minRows={1}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
          />
          <Group>
            <Button size="xs" loading={write.busy} onClick={() => void verify()}>
              {t('audits.verification.record')}
            </Button>
          </Group>
        </Stack>
      )}
      {write.error !== null && <ProblemAlert error={write.error} />}
    </Stack>
  );
}
