import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../api/client';
import { DateTime } from '../../ui/dates';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/problem';
import { UserName } from '../admin-users/user-select';
import { complianceKeys, type LicensedText, licensedTextQuery, saveLicensedText } from './api';

// The standard's own wording, pasted by an organisation that holds a licence, for its own use.
// Meridian never ships that text and leaves it out of every export and report; the screen says so
// next to the field. Only the SMS manager (compliance.manage) reads and edits it.

export function LicensedTextSection({ requirementId }: { requirementId: string }) {
  const { t } = useTranslation();
  const query = useQuery(licensedTextQuery(requirementId));
  return (
    <Stack gap="xs">
      <Alert
        variant="light"
        color="gray"
        icon={<IconLock aria-hidden />}
        title={t('compliance.licensed.localOnly')}
      >
        <Text size="sm">{t('compliance.licensed.explanation')}</Text>
      </Alert>
      {query.isPending ? null : query.isError ? (
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <LicensedTextEditor key={query.data.version} record={query.data} />
      )}
    </Stack>
  );
}

function LicensedTextEditor({ record }: { record: LicensedText }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState(record.text ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const dirty = text !== (record.text ?? '');

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const saved = await saveLicensedText(
        record.requirementId,
        text.trim() ? text : null,
        record.version,
      );
      queryClient.setQueryData(complianceKeys.licensedText(record.requirementId), saved);
      void queryClient.invalidateQueries({ queryKey: complianceKeys.library });
      notify({ color: 'green', message: t('record.saved') });
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <Stack gap="xs">
        {error !== null && (
          <ProblemAlert error={error}>
            {isVersionConflict(error) && (
              <Button
                size="xs"
                variant="default"
                onClick={() =>
                  void queryClient.invalidateQueries({
                    queryKey: complianceKeys.licensedText(record.requirementId),
                  })
                }
              >
                {t('compliance.reload')}
              </Button>
            )}
          </ProblemAlert>
        )}
        <Textarea
          label={t('compliance.licensed.label', { number: record.number })}
          description={t('compliance.licensed.description')}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={14}
          maxLength={50_000}
        />
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed">
            {record.updatedAt ? (
              <>
                {t('compliance.licensed.updated')} <DateTime value={record.updatedAt} />
                {record.updatedById && (
                  <>
                    {' · '}
                    <UserName id={record.updatedById} />
                  </>
                )}
              </>
            ) : (
              t('compliance.licensed.empty')
            )}
          </Text>
          <Button type="submit" size="xs" loading={saving} disabled={!dirty}>
            {t('compliance.licensed.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
