import {
  Alert,
  Button,
  Divider,
  Group,
  NumberInput,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCalculator, IconInfoCircle } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Calendar } from '../../api/types';
import { useDateFormat } from '../../ui/dates';
import { useDurationFormat } from '../../ui/durations';
import { ProblemAlert } from '../../ui/problem';
import { askDue, askElapsed } from './api';
import { instantOf, localOf, useZonedFormat } from './zoned';

// "Try it": ask the saved calendar when N business minutes from a start are over, or how much
// business time lies between two moments. Answers are shown on the user's clocks and on the
// calendar's, because that is how people check them ("due 17:00 in Paris, 16:00 for me").

type Zone = 'mine' | 'calendar';

interface TryItProps {
  calendar: Calendar;
  /** The form has unsaved changes: answers still use the saved version. */
  dirty: boolean;
}

export function TryIt({ calendar, dirty }: TryItProps) {
  const { t } = useTranslation();
  const { timeZone: myZone } = useDateFormat();
  const calendarZone = calendar.spec.timeZone;
  const sameZone = myZone === calendarZone;
  const [zone, setZone] = useState<Zone>('mine');
  const inputZone = zone === 'mine' || sameZone ? myZone : calendarZone;

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('calendars.tryIt.description', { version: calendar.versionNumber })}
      </Text>
      {dirty && (
        <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />} p="xs">
          <Text size="xs">{t('calendars.tryIt.unsaved')}</Text>
        </Alert>
      )}
      {!sameZone && (
        <Radio.Group
          label={t('calendars.tryIt.inputZone')}
          value={zone}
          onChange={(value) => setZone(value as Zone)}
          size="sm"
        >
          <Stack gap={6} mt={6}>
            <Radio value="mine" label={t('calendars.tryIt.myZone', { zone: myZone })} />
            <Radio
              value="calendar"
              label={t('calendars.tryIt.calendarZone', { zone: calendarZone })}
            />
          </Stack>
        </Radio.Group>
      )}
      <DueQuestion calendar={calendar} inputZone={inputZone} myZone={myZone} />
      <Divider />
      <ElapsedQuestion calendar={calendar} inputZone={inputZone} />
    </Stack>
  );
}

function nowLocal(zone: string): string {
  return localOf(new Date(), zone);
}

/** The answer on the user's clocks and, when they differ, on the calendar's. */
function InstantAnswer({ instant, myZone, calendarZone }: AnswerProps) {
  const { t } = useTranslation();
  const zoned = useZonedFormat();
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600} data-testid="due-mine">
        {zoned(instant, myZone)}
      </Text>
      <Text size="xs" c="dimmed">
        {t('calendars.tryIt.inYourZone', { zone: myZone })}
      </Text>
      {myZone !== calendarZone && (
        <>
          <Text size="sm" mt={4} data-testid="due-calendar">
            {zoned(instant, calendarZone)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('calendars.tryIt.inCalendarZone', { zone: calendarZone })}
          </Text>
        </>
      )}
    </Stack>
  );
}

interface AnswerProps {
  instant: Date;
  myZone: string;
  calendarZone: string;
}

function DueQuestion({
  calendar,
  inputZone,
  myZone,
}: {
  calendar: Calendar;
  inputZone: string;
  myZone: string;
}) {
  const { t } = useTranslation();
  const duration = useDurationFormat();
  const id = useId();
  const [start, setStart] = useState(() => nowLocal(inputZone));
  const [amount, setAmount] = useState<number | string>(4);
  const [unit, setUnit] = useState<'minutes' | 'hours'>('hours');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<{ due: Date; minutes: number } | null>(null);

  const ask = async () => {
    const instant = instantOf(start, inputZone);
    if (!instant) {
      setStartError(t('calendars.tryIt.instantRequired'));
      return;
    }
    const value = Number(amount);
    if (!Number.isFinite(value) || value < 0) return;
    const minutes = Math.round(unit === 'hours' ? value * 60 : value);
    setBusy(true);
    setError(null);
    try {
      const { due } = await askDue(calendar.id, instant.toISOString(), minutes);
      setAnswer({ due: new Date(due), minutes });
    } catch (caught) {
      setError(caught);
      setAnswer(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs" component="section" aria-labelledby={`${id}-title`}>
      <Title order={3} fz="sm" id={`${id}-title`}>
        {t('calendars.tryIt.dueTitle')}
      </Title>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void ask();
        }}
        noValidate
      >
        <Stack gap="xs">
          <TextInput
            type="datetime-local"
            label={t('calendars.tryIt.start')}
            description={t('calendars.tryIt.zoneHint', { zone: inputZone })}
            value={start}
            onChange={(event) => {
              setStart(event.currentTarget.value);
              setStartError(null);
            }}
            error={startError}
            required
          />
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <NumberInput
              label={t('calendars.tryIt.businessTime')}
              value={amount}
              onChange={setAmount}
              min={0}
              max={unit === 'hours' ? 8760 : 525600}
              decimalScale={unit === 'hours' ? 2 : 0}
              style={{ flex: 1 }}
              required
            />
            <Select
              aria-label={t('calendars.tryIt.unit')}
              data={[
                { value: 'minutes', label: t('calendars.units.minutes') },
                { value: 'hours', label: t('calendars.units.hours') },
              ]}
              value={unit}
              onChange={(value) => setUnit(value === 'minutes' ? 'minutes' : 'hours')}
              allowDeselect={false}
              w={110}
            />
          </Group>
          <div>
            <Button
              type="submit"
              variant="light"
              size="sm"
              fullWidth
              leftSection={<IconCalculator size={16} aria-hidden />}
              loading={busy}
            >
              {t('calendars.tryIt.askDue')}
            </Button>
          </div>
        </Stack>
      </form>
      {error !== null && <ProblemAlert error={error} />}
      <div aria-live="polite">
        {answer && (
          <Stack gap={4} p="xs" bg="var(--mantine-color-default-hover)" style={{ borderRadius: 4 }}>
            <Text size="xs" c="dimmed">
              {t('calendars.tryIt.dueAnswer', { duration: duration(answer.minutes) })}
            </Text>
            <InstantAnswer
              instant={answer.due}
              myZone={myZone}
              calendarZone={calendar.spec.timeZone}
            />
          </Stack>
        )}
      </div>
    </Stack>
  );
}

function ElapsedQuestion({ calendar, inputZone }: { calendar: Calendar; inputZone: string }) {
  const { t } = useTranslation();
  const duration = useDurationFormat();
  const id = useId();
  const [from, setFrom] = useState(() => nowLocal(inputZone));
  const [to, setTo] = useState(() => localOf(new Date(Date.now() + 7 * 86_400_000), inputZone));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [minutes, setMinutes] = useState<number | null>(null);

  const ask = async () => {
    const start = instantOf(from, inputZone);
    const end = instantOf(to, inputZone);
    if (!start || !end) {
      setFieldError(t('calendars.tryIt.instantRequired'));
      return;
    }
    if (end < start) {
      setFieldError(t('calendars.tryIt.toBeforeFrom'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await askElapsed(calendar.id, start.toISOString(), end.toISOString());
      setMinutes(answer.minutes);
    } catch (caught) {
      setError(caught);
      setMinutes(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs" component="section" aria-labelledby={`${id}-title`}>
      <Title order={3} fz="sm" id={`${id}-title`}>
        {t('calendars.tryIt.elapsedTitle')}
      </Title>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void ask();
        }}
        noValidate
      >
        <Stack gap="xs">
          <TextInput
            type="datetime-local"
            label={t('calendars.tryIt.from')}
            description={t('calendars.tryIt.zoneHint', { zone: inputZone })}
            value={from}
            onChange={(event) => {
              setFrom(event.currentTarget.value);
              setFieldError(null);
            }}
            required
          />
          <TextInput
            type="datetime-local"
            label={t('calendars.tryIt.to')}
            value={to}
            onChange={(event) => {
              setTo(event.currentTarget.value);
              setFieldError(null);
            }}
            error={fieldError}
            required
          />
          <div>
            <Button
              type="submit"
              variant="light"
              size="sm"
              fullWidth
              leftSection={<IconCalculator size={16} aria-hidden />}
              loading={busy}
            >
              {t('calendars.tryIt.askElapsed')}
            </Button>
          </div>
        </Stack>
      </form>
      {error !== null && <ProblemAlert error={error} />}
      <div aria-live="polite">
        {minutes !== null && (
          <Stack gap={2} p="xs" bg="var(--mantine-color-default-hover)" style={{ borderRadius: 4 }}>
            <Text size="sm" fw={600} data-testid="elapsed-answer">
              {t('calendars.tryIt.elapsedAnswer', { duration: duration(minutes) })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('calendars.tryIt.elapsedMinutes', { count: minutes })}
            </Text>
          </Stack>
        )}
      </div>
    </Stack>
  );
}
