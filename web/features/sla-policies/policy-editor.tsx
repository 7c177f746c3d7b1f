import {
  ActionIcon,
  Checkbox,
  Group,
  NumberInput,
  Pill,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PRIORITIES,
  type Priority,
  SLA_CLOCKS,
  type SlaClock,
  type SlaTarget,
  TICKET_TYPES,
  type TicketType,
} from '../../api/types';
import { useDurationFormat } from '../../ui/durations';
import { Section } from '../../ui/page';
import { StatusBadge } from '../../ui/status-badge';
import { calendarQuery } from '../sla-calendars/api';
import { CalendarSelect } from '../sla-calendars/calendar-select';
import { FieldError } from '../sla-calendars/field-error';
import { errorAt } from '../sla-calendars/spec';
import {
  KNOWN_PAUSE_STATUSES,
  type PolicyProblem,
  type PolicyValues,
  TARGET_KINDS,
  type TargetValue,
  targetMinutes,
} from './model';
import { OrganisationMultiSelect } from './organisation-multi-select';

// The SLA policy form, shared by the "new policy" page and the policy's record page: details,
// conditions, the targets table (priority × clock), warning thresholds and pause rules.

const PROBLEMS: readonly PolicyProblem[] = [
  'required',
  'order',
  'noTarget',
  'amount',
  'tooLong',
  'tooManyDays',
  'threshold',
];

export function useProblemText() {
  const { t } = useTranslation();
  return (problem: unknown): string | undefined => {
    if (problem === undefined || problem === null || problem === '') return undefined;
    if (PROBLEMS.includes(problem as PolicyProblem)) {
      return t(`policies.problems.${problem as PolicyProblem}`);
    }
    return String(problem);
  };
}

/** "4 h", "2 business days", "End of the next business day", "—". */
export function useTargetText() {
  const { t } = useTranslation();
  const duration = useDurationFormat();
  return (target: SlaTarget | undefined): string => {
    if (!target) return '—';
    if (target.kind === 'minutes') return duration(target.minutes);
    if (target.kind === 'business-days') return t('policies.targets.days', { count: target.days });
    return t('policies.targets.kinds.end-of-next-business-day');
  };
}

export function useStatusLabel() {
  const { t } = useTranslation();
  return (status: string) =>
    KNOWN_PAUSE_STATUSES.includes(status)
      ? t(`policies.statuses.${status as 'on_hold_customer'}`)
      : status;
}

interface PolicyEditorProps {
  form: UseFormReturnType<PolicyValues>;
  readOnly: boolean;
}

export function PolicyEditor({ form, readOnly }: PolicyEditorProps) {
  const { t } = useTranslation();
  const problem = useProblemText();
  const duration = useDurationFormat();
  const values = form.values;
  const calendar = useQuery({
    ...calendarQuery(values.calendarId ?? ''),
    enabled: !!values.calendarId,
  });
  const businessDay = calendar.data?.businessDayMinutes;
  const clear = (path: string) =>
    form.setErrors(
      Object.fromEntries(
        Object.entries(form.errors).filter(([key]) => key !== path && !key.startsWith(`${path}.`)),
      ),
    );

  return (
    <>
      <Section title={t('record.details')}>
        <Stack gap="sm">
          <TextInput
            label={t('policies.fields.name')}
            required
            disabled={readOnly}
            autoComplete="off"
            {...form.getInputProps('name')}
            error={problem(form.errors.name)}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NumberInput
              label={t('policies.fields.order')}
              description={t('policies.orderHint')}
              min={0}
              max={100_000}
              step={10}
              allowDecimal={false}
              allowNegative={false}
              required
              disabled={readOnly}
              {...form.getInputProps('order')}
              error={problem(form.errors.order)}
            />
            <Switch
              label={t('policies.fields.active')}
              description={values.active ? t('policies.activeHint') : t('policies.inactiveHint')}
              disabled={readOnly}
              mt={{ base: 0, sm: 28 }}
              {...form.getInputProps('active', { type: 'checkbox' })}
            />
          </SimpleGrid>
          <CalendarSelect
            label={t('policies.fields.calendarId')}
            description={
              calendar.data
                ? t('policies.calendarHint', {
                    zone: calendar.data.spec.timeZone,
                    day: duration(calendar.data.businessDayMinutes),
                  })
                : undefined
            }
            value={values.calendarId}
            onChange={(value) => {
              form.setFieldValue('calendarId', value);
              clear('calendarId');
            }}
            error={problem(errorAt(form.errors, 'calendarId'))}
            disabled={readOnly}
            required
          />
        </Stack>
      </Section>

      <Section title={t('policies.conditions.title')}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('policies.conditions.description')}
          </Text>
          <Checkbox.Group
            label={t('policies.fields.ticketTypes')}
            description={t('policies.conditions.emptyMeansAny')}
            value={values.conditions.ticketTypes}
            onChange={(next) => form.setFieldValue('conditions.ticketTypes', next as TicketType[])}
          >
            <Group gap="md" mt={6}>
              {TICKET_TYPES.map((type) => (
                <Checkbox
                  key={type}
                  value={type}
                  label={t(`sla.ticketTypes.${type}`)}
                  disabled={readOnly}
                />
              ))}
            </Group>
          </Checkbox.Group>
          <Checkbox.Group
            label={t('policies.fields.priorities')}
            description={t('policies.conditions.emptyMeansAny')}
            value={values.conditions.priorities}
            onChange={(next) =>
              form.setFieldValue(
                'conditions.priorities',
                PRIORITIES.filter((p) => next.includes(p)),
              )
            }
          >
            <Group gap="md" mt={6}>
              {PRIORITIES.map((priority) => (
                <Checkbox
                  key={priority}
                  value={priority}
                  label={t(`sla.priorities.${priority}`)}
                  disabled={readOnly}
                />
              ))}
            </Group>
          </Checkbox.Group>
          <OrganisationMultiSelect
            label={t('policies.fields.organisations')}
            description={t('policies.conditions.organisationsHint')}
            value={values.conditions.organisations}
            onChange={(next) => form.setFieldValue('conditions.organisations', next)}
            error={problem(errorAt(form.errors, 'conditions'))}
            disabled={readOnly}
          />
          {values.conditions.services.length > 0 && (
            <Text size="sm" c="dimmed">
              {t('policies.conditions.services', { count: values.conditions.services.length })}
            </Text>
          )}
        </Stack>
      </Section>

      <Section title={t('policies.targets.title')}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('policies.targets.description')}
          </Text>
          <TargetsTable form={form} readOnly={readOnly} businessDay={businessDay} onClear={clear} />
          {errorAt(form.errors, 'targets', { deep: false }) && (
            <FieldError size="sm">
              {problem(errorAt(form.errors, 'targets', { deep: false }))}
            </FieldError>
          )}
        </Stack>
      </Section>

      <Section title={t('policies.warnings.title')}>
        <Stack gap="md">
          <ThresholdsEditor
            value={values.thresholds}
            onChange={(next) => {
              form.setFieldValue('thresholds', next);
              clear('thresholds');
            }}
            error={problem(errorAt(form.errors, 'thresholds'))}
            readOnly={readOnly}
          />
          <Stack gap={4}>
            <Title order={3} fz="sm">
              {t('policies.pause.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('policies.pause.description')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" mt={4}>
              {SLA_CLOCKS.map((clock) => (
                <PauseEditor
                  key={clock}
                  clock={clock}
                  value={values.pauseOn[clock]}
                  onChange={(next) => form.setFieldValue(`pauseOn.${clock}`, next)}
                  error={problem(errorAt(form.errors, `pauseOn.${clock}`))}
                  readOnly={readOnly}
                />
              ))}
            </SimpleGrid>
          </Stack>
        </Stack>
      </Section>
    </>
  );
}

interface TargetsTableProps {
  form: UseFormReturnType<PolicyValues>;
  readOnly: boolean;
  businessDay?: number;
  onClear: (path: string) => void;
}

function TargetsTable({ form, readOnly, businessDay, onClear }: TargetsTableProps) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={440}>
      <Table
        aria-label={t('policies.targets.title')}
        verticalSpacing="xs"
        horizontalSpacing={8}
        withColumnBorders
        withTableBorder
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={84}>
              {t('policies.fields.priority')}
            </Table.Th>
            {SLA_CLOCKS.map((clock) => (
              <Table.Th key={clock} scope="col">
                {t(`sla.clocks.${clock}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {PRIORITIES.map((priority) => (
            <Table.Tr key={priority}>
              <Table.Th scope="row" fw={500} style={{ verticalAlign: 'top' }}>
                <Text size="sm" fw={600} mt={readOnly ? 0 : 6}>
                  {priority}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`sla.priorityNames.${priority}`)}
                </Text>
              </Table.Th>
              {SLA_CLOCKS.map((clock) => (
                <Table.Td key={clock} style={{ verticalAlign: 'top' }}>
                  <TargetCell
                    clock={clock}
                    priority={priority}
                    value={form.values.targets[clock][priority]}
                    onChange={(next) => {
                      form.setFieldValue(`targets.${clock}.${priority}`, next);
                      onClear(`targets.${clock}.${priority}`);
                      onClear('targets');
                    }}
                    error={errorAt(form.errors, `targets.${clock}.${priority}`)}
                    readOnly={readOnly}
                    businessDay={businessDay}
                  />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

interface TargetCellProps {
  clock: SlaClock;
  priority: Priority;
  value: TargetValue;
  onChange: (value: TargetValue) => void;
  error?: string;
  readOnly: boolean;
  businessDay?: number;
}

function TargetCell(props: TargetCellProps) {
  const { clock, priority, value, onChange, error, readOnly, businessDay } = props;
  const { t } = useTranslation();
  const duration = useDurationFormat();
  const problem = useProblemText();
  const id = useId();
  const where = { priority, clock: t(`sla.clocks.${clock}`) };
  const minutes = targetMinutes(value, businessDay);
  const hint =
    value.kind === 'business-days' && minutes !== null && businessDay
      ? t('policies.targets.daysHint', {
          duration: duration(minutes),
          day: duration(businessDay),
        })
      : value.kind === 'end-of-next-business-day'
        ? t('policies.targets.endOfNextDayHint')
        : value.kind === 'minutes' && minutes !== null && minutes >= 60 && value.unit === 'minutes'
          ? `= ${duration(minutes)}`
          : null;
  const errorText = problem(error);
  const errorId = `${id}-error`;
  return (
    <Stack gap={4}>
      <Select
        aria-label={t('policies.targets.kindLabel', where)}
        data={TARGET_KINDS.map((kind) => ({
          value: kind,
          label: t(`policies.targets.kinds.${kind}`),
        }))}
        value={value.kind}
        onChange={(kind) => {
          const next = (kind ?? 'none') as TargetValue['kind'];
          onChange({
            ...value,
            kind: next,
            amount: next === 'business-days' && value.kind !== 'business-days' ? 1 : value.amount,
          });
        }}
        allowDeselect={false}
        size="sm"
        disabled={readOnly}
        error={!!errorText && value.kind === 'none'}
      />
      {(value.kind === 'minutes' || value.kind === 'business-days') && (
        <Group gap={6} wrap="nowrap">
          <NumberInput
            aria-label={t('policies.targets.amountLabel', where)}
            value={value.amount}
            onChange={(amount) => onChange({ ...value, amount })}
            min={0}
            decimalScale={2}
            allowNegative={false}
            size="sm"
            w={76}
            disabled={readOnly}
            error={!!errorText}
            aria-describedby={errorText ? errorId : undefined}
          />
          {value.kind === 'minutes' ? (
            <Select
              aria-label={t('policies.targets.unitLabel', where)}
              data={[
                { value: 'minutes', label: t('calendars.units.minutes') },
                { value: 'hours', label: t('calendars.units.hours') },
              ]}
              value={value.unit}
              onChange={(unit) =>
                onChange({ ...value, unit: unit === 'minutes' ? 'minutes' : 'hours' })
              }
              allowDeselect={false}
              size="sm"
              w={104}
              disabled={readOnly}
            />
          ) : (
            <Text size="sm">
              {t('policies.targets.daysUnit', { count: Number(value.amount) || 0 })}
            </Text>
          )}
        </Group>
      )}
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
      {errorText && (
        <FieldError id={errorId} size="xs">
          {errorText}
        </FieldError>
      )}
    </Stack>
  );
}

interface ThresholdsEditorProps {
  value: number[];
  onChange: (value: number[]) => void;
  error?: string;
  readOnly: boolean;
}

function ThresholdsEditor({ value, onChange, error, readOnly }: ThresholdsEditorProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<number | string>('');
  const [draftError, setDraftError] = useState<string | null>(null);
  const warnings = value.filter((threshold) => threshold !== 100);
  const add = () => {
    const number = Number(draft);
    if (draft === '' || !(number > 0 && number < 100)) {
      setDraftError(t('policies.problems.thresholdRange'));
      return;
    }
    if (value.includes(number)) {
      setDraftError(t('policies.problems.thresholdDuplicate'));
      return;
    }
    onChange([...value, number].sort((a, b) => a - b));
    setDraft('');
    setDraftError(null);
  };
  return (
    <Stack gap={6}>
      <Title order={3} fz="sm">
        {t('policies.fields.thresholds')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('policies.warnings.description')}
      </Text>
      <Group gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {warnings.map((threshold) => (
          <li key={threshold}>
            <Pill
              size="md"
              withRemoveButton={!readOnly}
              onRemove={() => onChange(value.filter((item) => item !== threshold))}
              removeButtonProps={{
                'aria-label': t('policies.warnings.remove', { value: threshold }),
              }}
            >
              {t('policies.warnings.percent', { value: threshold })}
            </Pill>
          </li>
        ))}
        <li>
          <StatusBadge tone="failed" label={t('policies.warnings.breach')} />
        </li>
      </Group>
      {!readOnly && (
        <Group gap="xs" align="flex-start">
          <NumberInput
            aria-label={t('policies.warnings.new')}
            placeholder={t('policies.warnings.newPlaceholder')}
            value={draft}
            onChange={(next) => {
              setDraft(next);
              setDraftError(null);
            }}
            min={1}
            max={99}
            allowDecimal={false}
            suffix=" %"
            w={140}
            size="sm"
            error={draftError}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
          <ActionIcon
            variant="default"
            size="lg"
            onClick={add}
            aria-label={t('policies.warnings.add')}
            title={t('policies.warnings.add')}
          >
            <IconPlus size={16} aria-hidden />
          </ActionIcon>
        </Group>
      )}
      {error && <FieldError size="sm">{error}</FieldError>}
    </Stack>
  );
}

interface PauseEditorProps {
  clock: SlaClock;
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
  readOnly: boolean;
}

function PauseEditor({ clock, value, onChange, error, readOnly }: PauseEditorProps) {
  const { t } = useTranslation();
  const known = value.filter((status) => KNOWN_PAUSE_STATUSES.includes(status));
  const others = value.filter((status) => !KNOWN_PAUSE_STATUSES.includes(status));
  const clockName = t(`sla.clocks.${clock}`);
  return (
    <Stack gap={6}>
      <Checkbox.Group
        label={t('policies.pause.clock', { clock: clockName })}
        value={known}
        onChange={(next) =>
          onChange([...KNOWN_PAUSE_STATUSES.filter((s) => next.includes(s)), ...others])
        }
      >
        <Stack gap={6} mt={6}>
          {KNOWN_PAUSE_STATUSES.map((status) => (
            <Checkbox
              key={status}
              value={status}
              label={t(`policies.statuses.${status as 'on_hold_customer'}`)}
              disabled={readOnly}
            />
          ))}
        </Stack>
      </Checkbox.Group>
      <TagsInput
        label={t('policies.pause.other')}
        aria-label={t('policies.pause.otherLabel', { clock: clockName })}
        description={t('policies.pause.otherHint')}
        value={others}
        onChange={(next) =>
          onChange([
            ...known,
            ...next
              .map((status) => status.trim())
              .filter((status) => status && !KNOWN_PAUSE_STATUSES.includes(status)),
          ])
        }
        placeholder={readOnly ? undefined : t('policies.pause.otherPlaceholder')}
        size="sm"
        maxTags={17}
        disabled={readOnly}
        error={error}
        splitChars={[',', ' ']}
      />
    </Stack>
  );
}
