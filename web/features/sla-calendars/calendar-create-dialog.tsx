import { Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Calendar } from '../../api/types';
import { FormDialog } from '../../ui/form-dialog';
import { notify } from '../../ui/notify';
import { timeZoneOptions } from '../../ui/time-zones';
import { useSession } from '../auth/session';
import { calendarsKeys, createCalendar } from './api';
import { TEMPLATE_IDS, type TemplateId, templateDayMinutes, templateWeek } from './spec';

interface CalendarCreateDialogProps {
  opened: boolean;
  onClose: () => void;
  onCreated: (calendar: Calendar) => void;
}

export function CalendarCreateDialog({ opened, onClose, onCreated }: CalendarCreateDialogProps) {
  const { t } = useTranslation();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const zones = useMemo(() => timeZoneOptions(user.timeZone), [user.timeZone]);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: '',
      timeZone: user.timeZone,
      template: 'lunch' as TemplateId,
    },
    validate: {
      name: (value) => (value.trim() ? null : t('validation.required')),
      timeZone: (value) => (value ? null : t('validation.required')),
    },
  });
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('calendars.create.title')}
      submitLabel={t('calendars.create.submit')}
      form={form}
      size="lg"
      onSubmit={async (values, idempotencyKey) => {
        const created = await createCalendar(
          {
            name: values.name.trim(),
            businessDayMinutes: templateDayMinutes(values.template),
            spec: {
              timeZone: values.timeZone,
              week: templateWeek(values.template),
              holidays: [],
              exceptions: [],
            },
          },
          idempotencyKey,
        );
        await queryClient.invalidateQueries({ queryKey: calendarsKeys.lists });
        notify({ color: 'green', message: t('calendars.create.done', { name: created.name }) });
        onCreated(created);
      }}
    >
      <TextInput
        label={t('calendars.fields.name')}
        required
        data-autofocus
        autoComplete="off"
        {...form.getInputProps('name')}
      />
      <Select
        label={t('calendars.fields.timeZone')}
        description={t('calendars.timeZoneHint')}
        data={zones}
        searchable
        allowDeselect={false}
        nothingFoundMessage={t('common.nothingFound')}
        required
        {...form.getInputProps('timeZone')}
      />
      <Radio.Group
        label={t('calendars.create.template')}
        description={t('calendars.create.templateHint')}
        {...form.getInputProps('template')}
      >
        <Stack gap="xs" mt="xs">
          {TEMPLATE_IDS.map((id) => (
            <Radio
              key={id}
              value={id}
              label={t(`calendars.templates.${id}.label`)}
              description={
                <Text span size="xs" c="dimmed">
                  {t(`calendars.templates.${id}.description`)}
                </Text>
              }
            />
          ))}
        </Stack>
      </Radio.Group>
    </FormDialog>
  );
}
