import {
  ActionIcon,
  Anchor,
  Button,
  Divider,
  Group,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLink, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { Attachments } from '../../ui/attachments';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/problem';
import { dynamicLabel } from '../tickets/labels';
import { type AssessmentItem, type ItemEvidence, itemEvidenceQuery, type LiveLink } from './api';
import { EvidenceFigureRow, useSourceName } from './evidence-figure';
import { todayKey, useDayFormat } from './format';
import { EVIDENCE_SOURCES, type EvidenceSource, isEvidenceSource } from './sources';
import { useItemSave } from './use-item-save';

// Evidence by construction: a requirement is backed by controlled documents and by links to live
// Meridian records over a period (the incidents of the last quarter and their SLA attainment for
// 8.6.1). Each link shows the figure the records give now and how fresh the newest one is; the
// library's suggested sources are one click away.

/** The few fields of a controlled document the picker needs (documents module's list). */
interface DocumentOption {
  id: string;
  number: string;
  title: string;
  status: string;
}

const DEFAULT_PERIOD_DAYS = 90;

function daysBefore(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

interface ItemEvidenceProps {
  assessmentId: string;
  item: AssessmentItem;
  /** The assessment's date: live periods end there by default. */
  assessedOn: string;
  readOnly: boolean;
}

export function ItemEvidencePanel({ assessmentId, item, assessedOn, readOnly }: ItemEvidenceProps) {
  const { t } = useTranslation();
  const query = useQuery(itemEvidenceQuery(assessmentId, item.id));
  const save = useItemSave(assessmentId);
  const sourceName = useSourceName();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const change = async (patch: Parameters<typeof save>[1], message: string) => {
    setBusy(true);
    setError(null);
    try {
      await save(item, patch);
      await query.refetch();
      notify({ color: 'green', message });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const end = assessedOn < todayKey() ? assessedOn : todayKey();
  const addLink = (link: LiveLink) =>
    change(
      { liveLinks: [...item.liveLinks, link] },
      t('compliance.evidence.linked', { number: item.number }),
    );
  const removeLink = (index: number) =>
    change(
      { liveLinks: item.liveLinks.filter((_, i) => i !== index) },
      t('compliance.evidence.unlinked'),
    );
  const addDocument = (id: string) =>
    change(
      { documentIds: [...item.documentIds, id] },
      t('compliance.evidence.documentLinked', { number: item.number }),
    );
  const removeDocument = (id: string) =>
    change(
      { documentIds: item.documentIds.filter((d) => d !== id) },
      t('compliance.evidence.unlinked'),
    );

  if (query.isPending) return <Skeleton height={160} />;
  if (query.isError)
    return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  const evidence = query.data;
  const linkedSources = new Set<string>(item.liveLinks.map((link) => link.source));
  const suggested = evidence.suggested.filter((figure) => !linkedSources.has(figure.source));

  return (
    <Stack gap="md">
      {error !== null && <ProblemAlert error={error} />}
      <Stack gap="xs">
        <Title order={3} fz="h5">
          {t('compliance.evidence.documents')}
        </Title>
        <DocumentList
          evidence={evidence}
          readOnly={readOnly || busy}
          onRemove={(id) => void removeDocument(id)}
        />
        {!readOnly && (
          <DocumentPicker
            requirement={item.number}
            exclude={item.documentIds}
            disabled={busy}
            onPick={(id) => void addDocument(id)}
          />
        )}
      </Stack>
      <Divider />
      <Stack gap="xs">
        <Title order={3} fz="h5">
          {t('compliance.evidence.files')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('compliance.evidence.filesHint')}
        </Text>
        <Attachments
          ownerType="assessment-item"
          ownerId={item.id}
          canUpload={!readOnly}
          onUploaded={() => void query.refetch()}
        />
      </Stack>
      <Divider />
      <Stack gap="xs">
        <Title order={3} fz="h5">
          {t('compliance.evidence.live')}
        </Title>
        {evidence.linked.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('compliance.evidence.noLinks')}
          </Text>
        ) : (
          evidence.linked.map((figure, index) => (
            <Group
              key={`${figure.source}-${figure.period.from}-${figure.period.to}`}
              justify="space-between"
              align="flex-start"
              wrap="nowrap"
            >
              <EvidenceFigureRow figure={figure} />
              {!readOnly && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('compliance.evidence.removeLink', {
                    source: sourceName(figure.source),
                  })}
                  onClick={() => void removeLink(index)}
                  disabled={busy}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              )}
            </Group>
          ))
        )}
        {!readOnly && (
          <LiveLinkForm
            defaultTo={end}
            suggested={evidence.suggested.map((figure) => figure.source)}
            disabled={busy}
            onAdd={(link) => void addLink(link)}
          />
        )}
      </Stack>
      {suggested.length > 0 && (
        <>
          <Divider />
          <Stack gap="xs">
            <Title order={3} fz="h5">
              {t('compliance.evidence.suggested')}
            </Title>
            <Text size="xs" c="dimmed">
              {t('compliance.evidence.suggestedHint')}
            </Text>
            {suggested.map((figure) => (
              <Group key={figure.source} justify="space-between" align="flex-start" wrap="nowrap">
                <EvidenceFigureRow figure={figure} />
                {!readOnly && figure.available && isEvidenceSource(figure.source) && (
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconLink size={14} aria-hidden />}
                    disabled={busy}
                    aria-label={t('compliance.evidence.linkSource', {
                      source: sourceName(figure.source),
                    })}
                    onClick={() =>
                      void addLink({
                        source: figure.source as EvidenceSource,
                        from: figure.period.from,
                        to: figure.period.to,
                      })
                    }
                  >
                    {t('compliance.evidence.linkThis')}
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}

function DocumentList({
  evidence,
  readOnly,
  onRemove,
}: {
  evidence: ItemEvidence;
  readOnly: boolean;
  onRemove: (id: string) => void;
}) {
  const { t } = useTranslation();
  const day = useDayFormat();
  if (evidence.documents.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('compliance.evidence.noDocuments')}
      </Text>
    );
  return (
    <Stack gap={6}>
      {evidence.documents.map((document) => (
        <Group key={document.id} justify="space-between" wrap="nowrap" gap="xs">
          <Stack gap={0}>
            {document.title ? (
              <Anchor href={`/documents/${encodeURIComponent(document.id)}`} size="sm" fw={500}>
                {document.title}
              </Anchor>
            ) : (
              <Text size="sm" c="dimmed">
                {t('compliance.evidence.documentGone')}
              </Text>
            )}
            {document.title && (
              <Text size="xs" c="dimmed">
                {[
                  document.status &&
                    t('compliance.evidence.documentStatus', {
                      status: dynamicLabel(
                        t,
                        `documents.statuses.${document.status}`,
                        document.status,
                      ),
                    }),
                  document.version !== null &&
                    t('compliance.evidence.documentVersion', { version: document.version }),
                  document.approvedAt &&
                    t('compliance.evidence.documentApproved', {
                      date: day(document.approvedAt.slice(0, 10)),
                    }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            )}
          </Stack>
          {!readOnly && (
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('compliance.evidence.removeDocument', {
                title: document.title ?? document.id,
              })}
              onClick={() => onRemove(document.id)}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          )}
        </Group>
      ))}
    </Stack>
  );
}

function DocumentPicker(props: {
  requirement: string;
  exclude: string[];
  disabled: boolean;
  onPick: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  // Documents that say they serve this requirement come first, then whatever the search finds.
  const serving = useQuery({
    queryKey: ['documents', 'list', 'picker', 'requirement', props.requirement],
    queryFn: ({ signal }) =>
      api.list<DocumentOption>(
        '/api/v1/documents',
        { requirement: props.requirement, limit: 20 },
        signal,
      ),
    staleTime: 30_000,
  });
  const found = useQuery({
    queryKey: ['documents', 'list', 'picker', 'q', debounced],
    queryFn: ({ signal }) =>
      api.list<DocumentOption>('/api/v1/documents', { q: debounced, limit: 20 }, signal),
    staleTime: 30_000,
  });
  const data = useMemo(() => {
    const seen = new Set(props.exclude);
    const options: { value: string; label: string }[] = [];
    const add = (page: Page<DocumentOption> | undefined) => {
      for (const doc of page?.items ?? []) {
        if (seen.has(doc.id)) continue;
        seen.add(doc.id);
        options.push({ value: doc.id, label: `${doc.number} · ${doc.title}` });
      }
    };
    add(serving.data);
    add(found.data);
    return options;
  }, [serving.data, found.data, props.exclude]);
  return (
    <Select
      label={t('compliance.evidence.addDocument')}
      placeholder={t('compliance.evidence.documentPlaceholder')}
      data={data}
      value={null}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={t('common.nothingFound')}
      disabled={props.disabled}
      onChange={(value) => {
        if (value) {
          props.onPick(value);
          setSearch('');
        }
      }}
    />
  );
}

function LiveLinkForm(props: {
  defaultTo: string;
  suggested: string[];
  disabled: boolean;
  onAdd: (link: LiveLink) => void;
}) {
  const { t } = useTranslation();
  const sourceName = useSourceName();
  const [source, setSource] = useState<string | null>(null);
  const [from, setFrom] = useState(daysBefore(props.defaultTo, DEFAULT_PERIOD_DAYS));
  const [to, setTo] = useState(props.defaultTo);
  const invalid = !from || !to || from > to;
  const suggested = new Set(props.suggested);
  const option = (s: string) => ({ value: s, label: sourceName(s) });
  const data = [
    {
      group: t('compliance.evidence.suggestedGroup'),
      items: EVIDENCE_SOURCES.filter((s) => suggested.has(s)).map(option),
    },
    {
      group: t('compliance.evidence.otherGroup'),
      items: EVIDENCE_SOURCES.filter((s) => !suggested.has(s)).map(option),
    },
  ].filter((group) => group.items.length > 0);
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <Select
        label={t('compliance.evidence.source')}
        placeholder={t('compliance.evidence.sourcePlaceholder')}
        data={data}
        value={source}
        onChange={setSource}
        searchable
        w={240}
        disabled={props.disabled}
      />
      <TextInput
        type="date"
        label={t('compliance.evidence.from')}
        value={from}
        onChange={(event) => setFrom(event.currentTarget.value)}
        w={160}
        disabled={props.disabled}
        error={from && to && from > to ? t('compliance.evidence.periodInvalid') : undefined}
      />
      <TextInput
        type="date"
        label={t('compliance.evidence.to')}
        value={to}
        onChange={(event) => setTo(event.currentTarget.value)}
        w={160}
        disabled={props.disabled}
      />
      <Button
        variant="default"
        leftSection={<IconPlus size={16} aria-hidden />}
        disabled={props.disabled || !source || invalid}
        onClick={() => {
          if (!source || !isEvidenceSource(source) || invalid) return;
          props.onAdd({ source, from, to });
          setSource(null);
        }}
      >
        {t('compliance.evidence.addLink')}
      </Button>
    </Group>
  );
}
