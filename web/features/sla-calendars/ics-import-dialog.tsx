import { Alert, Button, FileInput, Group, List, Modal, Stack, Switch, Text } from '@mantine/core';
import { IconCalendarEvent, IconCircleCheck, IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import type { Calendar, HolidayImport } from '../../api/types';
import { ProblemAlert } from '../../ui/problem';
import { importHolidays } from './api';
import { errorScopeClass } from './field-error';

// Holidays from an iCalendar file (a public-holiday feed, an Outlook export…): the file is read
// in the browser and sent as text; every date its events cover becomes a holiday, in a new version.

const MAX_BYTES = 2_000_000;

interface IcsImportDialogProps {
  opened: boolean;
  onClose: () => void;
  calendar: Calendar;
  onImported: (result: HolidayImport) => void;
  /** Called on a version conflict so the page shows the latest calendar. */
  onStale: () => void;
}

export function IcsImportDialog(props: IcsImportDialogProps) {
  const { opened, onClose, calendar, onImported, onStale } = props;
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [result, setResult] = useState<HolidayImport | null>(null);

  const close = () => {
    setFile(null);
    setReplace(false);
    setError(null);
    setFileError(null);
    setResult(null);
    onClose();
  };

  const submit = async () => {
    if (!file) {
      setFileError(t('calendars.import.chooseFile'));
      return;
    }
    if (file.size > MAX_BYTES) {
      setFileError(t('calendars.import.tooLarge'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const ics = await file.text();
      const imported = await importHolidays(calendar.id, ics, replace, calendar.version);
      setResult(imported);
      onImported(imported);
    } catch (caught) {
      if (isApiError(caught) && caught.status === 412) onStale();
      const fieldError = isApiError(caught) ? caught.fieldErrors().ics : undefined;
      if (fieldError) setFileError(fieldError);
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('calendars.import.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('actions.close') }}
      classNames={{ content: errorScopeClass }}
    >
      {result ? (
        <Stack gap="sm">
          <Alert
            color="green"
            variant="light"
            icon={<IconCircleCheck aria-hidden />}
            title={t('calendars.import.done', { count: result.imported })}
            role="status"
          >
            <Text size="sm">
              {t('calendars.import.newVersion', {
                version: result.calendar.versionNumber,
                total: result.calendar.spec.holidays?.length ?? 0,
              })}
            </Text>
          </Alert>
          {result.skipped.length > 0 ? (
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('calendars.import.skipped', { count: result.skipped.length })}
              </Text>
              <List size="sm" spacing={2}>
                {result.skipped.map((line, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the server's list, in its order
                  <List.Item key={index}>{line}</List.Item>
                ))}
              </List>
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {t('calendars.import.noneSkipped')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button onClick={close} data-autofocus>
              {t('actions.close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Text size="sm">{t('calendars.import.description')}</Text>
          {error !== null && !fileError && <ProblemAlert error={error} />}
          <FileInput
            label={t('calendars.import.file')}
            placeholder={t('calendars.import.filePlaceholder')}
            accept=".ics,text/calendar"
            value={file}
            onChange={(next) => {
              setFile(next);
              setFileError(null);
              setError(null);
            }}
            leftSection={<IconCalendarEvent size={16} aria-hidden />}
            clearable
            clearButtonProps={{ 'aria-label': t('calendars.import.clearFile') }}
            error={fileError}
            data-autofocus
          />
          <Switch
            label={t('calendars.import.replace')}
            description={
              replace ? t('calendars.import.replaceHint') : t('calendars.import.mergeHint')
            }
            checked={replace}
            onChange={(event) => setReplace(event.currentTarget.checked)}
          />
          <Text size="xs" c="dimmed">
            {t('calendars.import.versionHint', { version: calendar.versionNumber + 1 })}
          </Text>
          <Group justify="flex-end" gap="xs" mt="sm">
            <Button variant="default" onClick={close}>
              {t('actions.cancel')}
            </Button>
            <Button
              leftSection={<IconFileImport size={16} aria-hidden />}
              loading={busy}
              onClick={() => void submit()}
            >
              {t('calendars.import.submit')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
