import {
  Autocomplete,
  Badge,
  Button,
  FileButton,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconDownload, IconFileImport } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { timeZoneOptions } from '../../ui/time-zones';
import type { FieldSpec, ImportType, Upload } from './api';
import {
  downloadMapping,
  fromMapping,
  type MappingDraft,
  mappedPreview,
  toMapping,
} from './mapping';

const DATE_FORMATS = [
  'iso',
  'dd/MM/yyyy HH:mm',
  'dd/MM/yyyy',
  'MM/dd/yyyy HH:mm',
  'd/M/yyyy H:mm',
  'yyyy-MM-dd HH:mm:ss',
  'dd.MM.yyyy HH:mm',
  'excel-serial',
];

export function useFieldLabel() {
  const { t } = useTranslation();
  // Field names come from the server; every one has a text in imports.fields.
  return (name: string) => t(`imports.fields.${name as 'title'}`);
}

export function MapStep(props: {
  type: ImportType;
  fields: FieldSpec[];
  needsKey: boolean;
  upload: Upload;
  draft: MappingDraft;
  onDraft: (draft: MappingDraft) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const { draft, upload, fields } = props;
  const [loadFailed, setLoadFailed] = useState(false);
  const zones = useMemo(() => timeZoneOptions(draft.timeZone), [draft.timeZone]);
  const set = (patch: Partial<MappingDraft>) => props.onDraft({ ...draft, ...patch });
  const columnOptions = upload.columns.filter(Boolean);
  const preview = mappedPreview(draft, fields, upload);
  const hasDates = fields.some((f) => f.kind === 'date');
  const translations = Object.values(draft.extras).filter(
    (e) => e.values && Object.keys(e.values).length,
  ).length;
  const missing =
    fields.some(
      (f) => f.required && !draft.columns[f.name] && draft.extras[f.name]?.constant === undefined,
    ) ||
    (props.needsKey && !draft.sourceKey);

  async function load(file: File | null) {
    if (!file) return;
    try {
      props.onDraft(fromMapping(JSON.parse(await file.text()), fields, upload));
      setLoadFailed(false);
    } catch {
      setLoadFailed(true);
    }
  }

  return (
    <Stack gap="md">
      <Group gap="sm">
        <FileButton onChange={(f) => void load(f)} accept="application/json,.json">
          {(button) => (
            <Button
              variant="default"
              leftSection={<IconFileImport size={16} aria-hidden />}
              {...button}
            >
              {t('imports.map.load')}
            </Button>
          )}
        </FileButton>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          onClick={() =>
            downloadMapping(toMapping(draft, props.type, props.needsKey), upload.fileName)
          }
        >
          {t('imports.map.download')}
        </Button>
        {loadFailed && (
          <Text c="red" size="sm" role="alert">
            {t('imports.map.loadFailed')}
          </Text>
        )}
        {translations > 0 && (
          <Text size="sm" c="dimmed">
            {t('imports.map.translations', { count: translations })}
          </Text>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} maw={900}>
        {props.needsKey && (
          <Select
            label={t('imports.map.sourceKey')}
            description={t('imports.map.sourceKeyHint')}
            data={columnOptions}
            value={draft.sourceKey}
            onChange={(value) => set({ sourceKey: value })}
            searchable
            required
          />
        )}
        {props.needsKey && (
          <TextInput
            label={t('imports.map.source')}
            description={t('imports.map.sourceHint')}
            value={draft.source}
            onChange={(e) => set({ source: e.currentTarget.value })}
          />
        )}
        {hasDates && (
          <Autocomplete
            label={t('imports.map.dateFormat')}
            description={t('imports.map.dateFormatHint')}
            data={DATE_FORMATS}
            value={draft.dateFormat}
            onChange={(value) => set({ dateFormat: value })}
          />
        )}
        {hasDates && (
          <Select
            label={t('imports.map.timeZone')}
            data={zones}
            value={draft.timeZone}
            onChange={(value) => value && set({ timeZone: value })}
            searchable
            allowDeselect={false}
          />
        )}
      </SimpleGrid>
      <Table.ScrollContainer minWidth={480}>
        <Table maw={760} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('imports.map.field')}</Table.Th>
              <Table.Th>{t('imports.map.column')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields.map((field) => (
              <Table.Tr key={field.name}>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm" id={`field-${field.name}`}>
                      {label(field.name)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      ({t(`imports.kinds.${field.kind}`)})
                    </Text>
                    {field.required && (
                      <Badge size="xs" variant="outline">
                        {t('imports.map.required')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-labelledby={`field-${field.name}`}
                    data={columnOptions}
                    value={draft.columns[field.name] ?? null}
                    placeholder={
                      draft.extras[field.name]?.constant !== undefined
                        ? `= ${draft.extras[field.name]?.constant}`
                        : t('imports.map.noColumn')
                    }
                    onChange={(value) =>
                      set({ columns: { ...draft.columns, [field.name]: value } })
                    }
                    clearable
                    searchable
                    size="xs"
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {preview.fields.length > 0 && (
        <Stack gap="xs">
          <Title order={3} fz="h4">
            {t('imports.map.preview')}
          </Title>
          <Table.ScrollContainer minWidth={600}>
            <Table striped withTableBorder fz="xs" aria-label={t('imports.map.preview')}>
              <Table.Thead>
                <Table.Tr>
                  {preview.fields.map((f) => (
                    <Table.Th key={f.name}>{label(f.name)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.rows.map((row, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity
                  <Table.Tr key={i}>
                    {row.map((cell, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells follow the fields
                      <Table.Td key={j}>{cell}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
      <Group>
        <Button variant="default" onClick={props.onBack}>
          {t('imports.map.back')}
        </Button>
        <Button onClick={props.onNext} disabled={missing}>
          {t('imports.map.next')}
        </Button>
      </Group>
    </Stack>
  );
}
