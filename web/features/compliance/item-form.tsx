import { Button, Grid, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, isVersionConflict } from '../../api/client';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/problem';
import { UserSelect } from '../admin-users/user-select';
import type { AssessmentItem, ItemPatch } from './api';
import { type Conformity, isMaturityLevel, type MaturityLevel } from './scale';
import { ConformitySelect, MaturitySelect } from './scale-inputs';
import { useItemSave } from './use-item-save';

// Where a requirement stands: conformity, maturity now and the maturity to reach, notes, who owns
// closing the gap and by when. Only the fields changed are sent, against the item's version.

interface Values {
  conformity: Conformity;
  maturity: MaturityLevel;
  targetMaturity: MaturityLevel;
  notes: string;
  ownerId: string | null;
  dueDate: string;
}

const toValues = (item: AssessmentItem): Values => ({
  conformity: item.conformity,
  maturity: isMaturityLevel(item.maturity) ? item.maturity : 0,
  targetMaturity: isMaturityLevel(item.targetMaturity) ? item.targetMaturity : 3,
  notes: item.notes,
  ownerId: item.ownerId,
  dueDate: item.dueDate ?? '',
});

interface ItemFormProps {
  assessmentId: string;
  item: AssessmentItem;
  readOnly: boolean;
  onReload: () => void;
  onDirtyChange?: (dirty: boolean) => void;
}

export function ItemForm({ assessmentId, item, readOnly, onReload, onDirtyChange }: ItemFormProps) {
  const { t } = useTranslation();
  const save = useItemSave(assessmentId);
  const [values, setValues] = useState<Values>(() => toValues(item));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const base = toValues(item);
  const changes: ItemPatch = {};
  if (values.conformity !== base.conformity) changes.conformity = values.conformity;
  if (values.maturity !== base.maturity) changes.maturity = values.maturity;
  if (values.targetMaturity !== base.targetMaturity) changes.targetMaturity = values.targetMaturity;
  if (values.notes !== base.notes) changes.notes = values.notes;
  if (values.ownerId !== base.ownerId) changes.ownerId = values.ownerId;
  if (values.dueDate !== base.dueDate) changes.dueDate = values.dueDate || null;
  const dirty = Object.keys(changes).length > 0;
  const fieldErrors = isApiError(error) ? error.fieldErrors() : {};

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    onDirtyChange?.(true);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!dirty) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await save(item, changes);
      setValues(toValues(saved));
      onDirtyChange?.(false);
      notify({ color: 'green', message: t('compliance.item.saved', { number: item.number }) });
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        {error !== null && (
          <ProblemAlert error={error}>
            {isVersionConflict(error) && (
              <Button size="xs" variant="default" onClick={onReload}>
                {t('compliance.reload')}
              </Button>
            )}
          </ProblemAlert>
        )}
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <ConformitySelect
              label={t('compliance.item.conformity')}
              value={values.conformity}
              onChange={(value) => set('conformity', value)}
              disabled={readOnly}
              error={fieldErrors.conformity}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <MaturitySelect
              label={t('compliance.item.maturity')}
              value={values.maturity}
              onChange={(value) => value !== null && set('maturity', value)}
              disabled={readOnly}
              error={fieldErrors.maturity}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <MaturitySelect
              label={t('compliance.item.target')}
              value={values.targetMaturity}
              onChange={(value) => value !== null && set('targetMaturity', value)}
              disabled={readOnly}
              error={fieldErrors.targetMaturity}
            />
          </Grid.Col>
        </Grid>
        <Textarea
          label={t('compliance.item.notes')}
          description={t('compliance.item.notesHint')}
          value={values.notes}
          onChange={(event) => set('notes', event.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={10}
          disabled={readOnly}
          error={fieldErrors.notes}
        />
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 7 }}>
            <UserSelect
              label={t('compliance.item.owner')}
              value={values.ownerId}
              onChange={(value) => set('ownerId', value)}
              disabled={readOnly}
              error={fieldErrors.ownerId}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 5 }}>
            <TextInput
              type="date"
              label={t('compliance.item.dueDate')}
              value={values.dueDate}
              onChange={(event) => set('dueDate', event.currentTarget.value)}
              disabled={readOnly}
              error={fieldErrors.dueDate}
            />
          </Grid.Col>
        </Grid>
        {!readOnly && (
          <Group justify="flex-end" gap="xs">
            <Button
              variant="default"
              disabled={!dirty || saving}
              onClick={() => {
                setValues(base);
                setError(null);
                onDirtyChange?.(false);
              }}
            >
              {t('actions.discard')}
            </Button>
            <Button type="submit" loading={saving} disabled={!dirty}>
              {t('compliance.item.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
