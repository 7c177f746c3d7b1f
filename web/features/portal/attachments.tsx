import { Alert, Anchor, Button, FileButton, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconPaperclip } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { DateTime } from '../../ui/dates';
import { notify } from '../../ui/notify';
import { describeProblem, ProblemAlert } from '../../ui/problem';
import { useSession } from '../auth/session';
import {
  attachmentsQuery,
  downloadUrl,
  type PortalTicket,
  portalKeys,
  uploadAttachment,
} from './api';
import { fileSize } from './labels';

/** Files on the ticket: download links, and a file picker that uploads at once. */
export function Attachments({ ticket }: { ticket: PortalTicket }) {
  const { t, i18n } = useTranslation();
  const { csrfToken } = useSession();
  const queryClient = useQueryClient();
  const list = useQuery(attachmentsQuery(ticket.number));
  const upload = useMutation({
    mutationFn: (file: File) => uploadAttachment(ticket.number, file, csrfToken),
    onSuccess: (attachment) => {
      void queryClient.invalidateQueries({ queryKey: portalKeys.attachments(ticket.number) });
      notify({
        color: 'green',
        message: t('portal.attachments.added', { name: attachment.fileName }),
      });
    },
  });
  const closed = ticket.status === 'closed';

  return (
    <Stack gap="sm">
      {list.isPending ? (
        <Skeleton height={20} />
      ) : list.isError ? (
        <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('portal.attachments.none')}
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
                aria-label={t('portal.attachments.download', { name: file.fileName })}
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
      {!closed && (
        <FileButton
          onChange={(file) => {
            if (file) upload.mutate(file);
          }}
          inputProps={{ 'aria-label': t('portal.attachments.add') }}
        >
          {(props) => (
            <Button
              {...props}
              variant="default"
              size="sm"
              loading={upload.isPending}
              leftSection={<IconPaperclip size={16} aria-hidden />}
            >
              {t('portal.attachments.add')}
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
      title={status === 413 ? t('portal.attachments.tooLarge') : t('portal.attachments.refused')}
      withCloseButton
      closeButtonLabel={t('actions.close')}
      onClose={onClose}
    >
      <Text size="sm">{detail ?? t('portal.attachments.tryAnother')}</Text>
    </Alert>
  );
}
