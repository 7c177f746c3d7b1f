import { Alert, Anchor, Button, FileButton, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconPaperclip } from '@tabler/icons-react';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api/client';
import type { paths } from '../api/schema';
import { DateTime } from './dates';
import { notify } from './notify';
import { describeProblem, ProblemAlert } from './problem';

// Files attached to any record that takes them (tickets, assessed requirements, audit findings,
// training completions…): the server's generic attachment routes, one list and one picker.

export type Attachment =
  paths['/api/v1/attachments/of/{ownerType}/{ownerId}']['get']['responses'][200]['content']['application/json'][number];

const filesPath = (ownerType: string, ownerId: string) =>
  `/api/v1/attachments/of/${encodeURIComponent(ownerType)}/${encodeURIComponent(ownerId)}`;

export const attachmentKeys = {
  of: (ownerType: string, ownerId: string) => ['attachments', ownerType, ownerId] as const,
};

export const attachmentsQuery = (ownerType: string, ownerId: string) =>
  queryOptions({
    queryKey: attachmentKeys.of(ownerType, ownerId),
    queryFn: ({ signal }) => api.get<Attachment[]>(filesPath(ownerType, ownerId), { signal }),
  });

export const downloadUrl = (attachmentId: string) =>
  `/api/v1/attachments/${encodeURIComponent(attachmentId)}`;

/** "1.2 MB" in the interface language. */
export function fileSize(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

export interface AttachmentsProps {
  ownerType: string;
  ownerId: string;
  /** Shows the picker; the server still decides (a closed record refuses files). */
  canUpload: boolean;
  /** Called after a file was added, e.g. to refresh evidence that counts files. */
  onUploaded?: (attachment: Attachment) => void;
}

/** Files of the record: download links, and a file picker that uploads at once. */
export function Attachments({ ownerType, ownerId, canUpload, onUploaded }: AttachmentsProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery(attachmentsQuery(ownerType, ownerId));
  const upload = useMutation({
    mutationFn: (file: File) => api.upload<Attachment>(filesPath(ownerType, ownerId), file),
    onSuccess: (attachment) => {
      void queryClient.invalidateQueries({ queryKey: attachmentKeys.of(ownerType, ownerId) });
      notify({ color: 'green', message: t('attachments.added', { name: attachment.fileName }) });
      onUploaded?.(attachment);
    },
  });

  return (
    <Stack gap="sm">
      {list.isPending ? (
        <Skeleton height={20} />
      ) : list.isError ? (
        <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('attachments.none')}
        </Text>
      ) : (
        <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }}>
          {list.data.map((file) => (
            <li key={file.id}>
              <Anchor
                href={downloadUrl(file.id)}
                download={file.fileName}
                size="sm"
                fw={500}
                aria-label={t('attachments.download', { name: file.fileName })}
              >
                <Group gap={4} wrap="nowrap" component="span">
                  <IconDownload size={14} aria-hidden />
                  <span style={{ overflowWrap: 'anywhere' }}>{file.fileName}</span>
                </Group>
              </Anchor>
              <Text size="xs" c="dimmed">
                {fileSize(file.size, i18n.language)}
                {file.uploadedByName ? ` · ${file.uploadedByName}` : ''} ·{' '}
                <DateTime value={file.createdAt} format="relative" />
              </Text>
            </li>
          ))}
        </Stack>
      )}
      {upload.isError && <UploadProblem error={upload.error} onClose={() => upload.reset()} />}
      {canUpload && (
        <FileButton
          onChange={(file) => {
            if (file) upload.mutate(file);
          }}
          inputProps={{ 'aria-label': t('attachments.add') }}
        >
          {(props) => (
            <Button
              {...props}
              variant="default"
              size="sm"
              loading={upload.isPending}
              leftSection={<IconPaperclip size={16} aria-hidden />}
            >
              {t('attachments.add')}
            </Button>
          )}
        </FileButton>
      )}
    </Stack>
  );
}

function UploadProblem({ error, onClose }: { error: unknown; onClose: () => void }) {
  const { t } = useTranslation();
  const status = isApiError(error) ? error.status : 0;
  if (status !== 413 && status !== 415) return <ProblemAlert error={error} />;
  const { detail } = describeProblem(error, t);
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      icon={<IconAlertTriangle aria-hidden />}
      title={status === 413 ? t('attachments.tooLarge') : t('attachments.refused')}
      withCloseButton
      closeButtonLabel={t('actions.close')}
      onClose={onClose}
    >
      <Text size="sm">{detail ?? t('attachments.tryAnother')}</Text>
    </Alert>
  );
}
