import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../ui/form-dialog';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/problem';
import { ServiceName, ServiceSelect } from '../catalogue/service-select';
import {
  changesKeys,
  createTemplate,
  RISK_LEVELS,
  type RiskLevel,
  type Template,
  templatesQuery,
  updateTemplate,
} from './api';
import { RiskBadge } from './labels';

/** Standard changes: pre-approved templates that skip the CAB. */
export function TemplatesSection({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const query = useQuery(templatesQuery());
  const [editing, setEditing] = useState<Template | 'new' | null>(null);
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('changes.templates.description')}
      </Text>
      {query.isError && <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && query.data.items.length > 0 && (
        <Table aria-label={t('changes.templates.title')} verticalSpacing={6} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('changes.templates.name')}</Table.Th>
              <Table.Th scope="col">{t('changes.fields.service')}</Table.Th>
              <Table.Th scope="col">{t('changes.fields.riskLevel')}</Table.Th>
              <Table.Th scope="col">{t('changes.templates.active')}</Table.Th>
              {manage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.items.map((template) => (
              <Table.Tr key={template.id}>
                <Table.Td fw={500}>{template.name}</Table.Td>
                <Table.Td>
                  {template.serviceId ? <ServiceName id={template.serviceId} /> : '—'}
                </Table.Td>
                <Table.Td>
                  <RiskBadge level={template.riskLevel} />
                </Table.Td>
                <Table.Td>{template.active ? t('common.yes') : t('common.no')}</Table.Td>
                {manage && (
                  <Table.Td>
                    <Tooltip label={t('changes.templates.edit')}>
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('changes.templates.editNamed', { name: template.name })}
                        onClick={() => setEditing(template)}
                      >
                        <IconPencil size={16} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {query.data && query.data.items.length === 0 && (
        <Text size="sm">{t('changes.templates.none')}</Text>
      )}
      {manage && (
        <Group>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing('new')}
          >
            {t('changes.templates.create')}
          </Button>
        </Group>
      )}
      {manage && (
        <TemplateDialog
          key={
            editing === null
              ? 'closed'
              : editing === 'new'
                ? 'new'
                : `${editing.id}:${editing.version}`
          }
          editing={editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

interface TemplateValues extends Record<string, unknown> {
  name: string;
  description: string;
  serviceId: string | null;
  implementationPlan: string;
  testPlan: string;
  backoutPlan: string;
  riskLevel: RiskLevel;
  active: boolean;
}

function TemplateDialog({
  editing,
  onClose,
}: {
  editing: Template | 'new' | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const existing = editing && editing !== 'new' ? editing : null;
  const required = (value: string) => (value.trim() ? null : t('validation.required'));
  const form = useForm<TemplateValues>({
    mode: 'controlled',
    initialValues: {
      name: existing?.name ?? '',
      description: existing?.description ?? '',
      serviceId: existing?.serviceId ?? null,
      implementationPlan: existing?.implementationPlan ?? '',
      testPlan: existing?.testPlan ?? '',
      backoutPlan: existing?.backoutPlan ?? '',
      riskLevel: existing?.riskLevel ?? 'low',
      active: existing?.active ?? true,
    },
    validate: { name: required, implementationPlan: required, backoutPlan: required },
  });
  return (
    <FormDialog
      opened={editing !== null}
      onClose={onClose}
      title={existing ? t('changes.templates.editTitle') : t('changes.templates.create')}
      submitLabel={existing ? t('actions.save') : t('changes.templates.createSubmit')}
      form={form}
      size="lg"
      onSubmit={async (values, idempotencyKey) => {
        const body = {
          ...values,
          name: values.name.trim(),
          description: values.description.trim(),
          implementationPlan: values.implementationPlan.trim(),
          testPlan: values.testPlan.trim(),
          backoutPlan: values.backoutPlan.trim(),
        };
        if (existing) await updateTemplate(existing.id, body, existing.version);
        else await createTemplate(body, idempotencyKey);
        await queryClient.invalidateQueries({ queryKey: changesKeys.templates });
        notify({ color: 'green', message: t('changes.templates.saved', { name: body.name }) });
      }}
    >
      <TextInput
        label={t('changes.templates.name')}
        required
        data-autofocus
        autoComplete="off"
        {...form.getInputProps('name')}
      />
      <Textarea
        label={t('changes.fields.description')}
        autosize
        minRows={2}
        {...form.getInputProps('description')}
      />
      <Group grow align="flex-start">
        <ServiceSelect
          label={t('changes.fields.service')}
          value={form.getValues().serviceId}
          onChange={(id) => form.setFieldValue('serviceId', id)}
          clearable
        />
        <Select
          label={t('changes.fields.riskLevel')}
          data={RISK_LEVELS.map((level) => ({
            value: level,
            label: t(`changes.risk.levels.${level}`),
          }))}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('riskLevel')}
        />
      </Group>
      <Textarea
        label={t('changes.fields.implementationPlan')}
        required
        autosize
        minRows={3}
        {...form.getInputProps('implementationPlan')}
      />
      <Textarea
        label={t('changes.fields.testPlan')}
        autosize
        minRows={2}
        {...form.getInputProps('testPlan')}
      />
      <Textarea
        label={t('changes.fields.backoutPlan')}
        required
        autosize
        minRows={2}
        {...form.getInputProps('backoutPlan')}
      />
      <Checkbox
        label={t('changes.templates.active')}
        {...form.getInputProps('active', { type: 'checkbox' })}
      />
    </FormDialog>
  );
}
