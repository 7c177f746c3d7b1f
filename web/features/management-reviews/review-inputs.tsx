import {
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formattingLocale } from '../../ui/dates';
import { AnchorLink } from '../../ui/links';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/problem';
import { useDayFormat } from '../compliance/format';
import { type InputKey, type Review, type ReviewInput, updateReview } from './api';

type Unit = 'count' | 'hours' | 'percent' | 'index' | 'change';

/** The figures each card shows, in order, with how to read them. */
const SHOWN: Record<InputKey, [string, Unit][]> = {
  previousActions: [
    ['open', 'count'],
    ['overdue', 'count'],
    ['done', 'count'],
  ],
  serviceDelivery: [
    ['resolved', 'count'],
    ['medianHours', 'hours'],
    ['meanHours', 'hours'],
    ['previousMedianHours', 'hours'],
    ['medianChange', 'change'],
  ],
  sla: [
    ['attainment', 'percent'],
    ['targets', 'count'],
    ['previousAttainment', 'percent'],
  ],
  satisfaction: [
    ['index', 'index'],
    ['previousIndex', 'index'],
    ['responseRate', 'percent'],
    ['answered', 'count'],
    ['complaintsOpened', 'count'],
    ['complaintsResolved', 'count'],
    ['complaintsOpen', 'count'],
  ],
  audits: [
    ['successRate', 'percent'],
    ['audits', 'count'],
    ['auditedRequirements', 'count'],
    ['conformingRequirements', 'count'],
    ['openNonconformities', 'count'],
    ['overdueActions', 'count'],
  ],
  improvements: [
    ['raised', 'count'],
    ['completed', 'count'],
    ['open', 'count'],
    ['overdue', 'count'],
  ],
  training: [
    ['rate', 'percent'],
    ['due', 'count'],
    ['completedOnTime', 'count'],
  ],
};

function useFigureFormat() {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const number = new Intl.NumberFormat(formattingLocale(i18n.language), {
      maximumFractionDigits: 1,
    });
    return (value: number | null | undefined, unit: Unit) => {
      if (value === null || value === undefined) return '—';
      const n = number.format(value);
      if (unit === 'hours') return t('managementReviews.units.hours', { value: n });
      if (unit === 'percent') return t('managementReviews.units.percent', { value: n });
      if (unit === 'index') return t('managementReviews.units.index', { value: n });
      if (unit === 'change') return `${value > 0 ? '+' : ''}${n} %`;
      return n;
    };
  }, [i18n.language, t]);
}

/** One sentence per input in the interface language, from the stored figures. */
function summaryOf(
  input: ReviewInput,
  t: TFunction,
  f: ReturnType<typeof useFigureFormat>,
): string {
  const v = input.figures;
  const g = (key: string, unit: Unit = 'count') => f(v[key], unit);
  switch (input.key) {
    case 'previousActions':
      return input.rows.length === 0
        ? t('managementReviews.summaries.previousActionsNone')
        : t('managementReviews.summaries.previousActions', {
            open: g('open'),
            overdue: g('overdue'),
            done: g('done'),
          });
    case 'serviceDelivery':
      return v.resolved
        ? t('managementReviews.summaries.serviceDelivery', {
            resolved: g('resolved'),
            median: g('medianHours', 'hours'),
            mean: g('meanHours', 'hours'),
            change: g('medianChange', 'change'),
          })
        : t('managementReviews.summaries.serviceDeliveryNone');
    case 'sla':
      return v.attainment === null || v.attainment === undefined
        ? t('managementReviews.summaries.slaNone')
        : t('managementReviews.summaries.sla', {
            attainment: g('attainment', 'percent'),
            targets: g('targets'),
            previous: g('previousAttainment', 'percent'),
          });
    case 'satisfaction':
      return t('managementReviews.summaries.satisfaction', {
        index: g('index', 'index'),
        previous: g('previousIndex', 'index'),
        rate: g('responseRate', 'percent'),
        opened: g('complaintsOpened'),
        resolved: g('complaintsResolved'),
        open: g('complaintsOpen'),
      });
    case 'audits':
      return v.audits
        ? t('managementReviews.summaries.audits', {
            audits: g('audits'),
            conforming: g('conformingRequirements'),
            audited: g('auditedRequirements'),
            rate: g('successRate', 'percent'),
            ncs: g('openNonconformities'),
            overdue: g('overdueActions'),
          })
        : t('managementReviews.summaries.auditsNone', {
            ncs: g('openNonconformities'),
            overdue: g('overdueActions'),
          });
    case 'improvements':
      return t('managementReviews.summaries.improvements', {
        raised: g('raised'),
        completed: g('completed'),
        open: g('open'),
        overdue: g('overdue'),
      });
    default:
      return v.due
        ? t('managementReviews.summaries.training', {
            done: g('completedOnTime'),
            due: g('due'),
            rate: g('rate', 'percent'),
          })
        : t('managementReviews.summaries.trainingNone');
  }
}

export function ReviewInputs({
  review,
  canComment,
  onSaved,
}: {
  review: Review;
  canComment: boolean;
  onSaved: (review: Review) => void;
}) {
  const { t } = useTranslation();
  const day = useDayFormat();
  if (!review.inputs)
    return (
      <Text size="sm" c="dimmed">
        {t('managementReviews.inputs.none')}
      </Text>
    );
  const { inputs } = review;
  return (
    <Stack gap="sm">
      <Text size="sm">
        {t('managementReviews.inputs.period', {
          from: day(inputs.from),
          to: day(inputs.to),
          previousFrom: day(inputs.previousFrom),
          previousTo: day(inputs.previousTo),
        })}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
        {inputs.items.map((input) => (
          <InputCard
            key={input.key}
            review={review}
            input={input}
            canComment={canComment}
            onSaved={onSaved}
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function InputCard({
  review,
  input,
  canComment,
  onSaved,
}: {
  review: Review;
  input: ReviewInput;
  canComment: boolean;
  onSaved: (review: Review) => void;
}) {
  const { t } = useTranslation();
  const f = useFigureFormat();
  const titleId = `input-${input.key}`;
  const comment = review.inputComments[input.key] ?? '';
  return (
    <Card withBorder padding="sm" radius="sm" component="section" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Title order={3} fz="md" id={titleId}>
          {t(`managementReviews.inputs.titles.${input.key}`)}
        </Title>
        <Text size="sm">{summaryOf(input, t, f)}</Text>
        <Group gap="lg" component="dl" m={0} wrap="wrap">
          {SHOWN[input.key].map(([key, unit]) => (
            <div key={key}>
              <Text size="xs" c="dimmed" component="dt">
                {t(`managementReviews.figures.${key as 'open'}`)}
              </Text>
              <Text size="lg" fw={600} component="dd" m={0}>
                {f(input.figures[key], unit)}
              </Text>
            </div>
          ))}
        </Group>
        <InputRows input={input} />
        <InputComment
          review={review}
          inputKey={input.key}
          comment={comment}
          canComment={canComment}
          onSaved={onSaved}
        />
      </Stack>
    </Card>
  );
}

function InputRows({ input }: { input: ReviewInput }) {
  const { t } = useTranslation();
  const f = useFigureFormat();
  if (input.rows.length === 0) return null;
  if (input.key === 'previousActions')
    return (
      <List size="sm" spacing={4}>
        {input.rows.map((row) => (
          <List.Item key={`${row.label}-${row.detail}`}>
            {row.link ? (
              <AnchorLink
                to="/management-reviews/$reviewId"
                params={{ reviewId: row.link.split('/').pop() ?? '' }}
                size="sm"
              >
                {row.label}
              </AnchorLink>
            ) : (
              row.label
            )}{' '}
            <Text span size="xs" c="dimmed">
              {row.detail}
            </Text>{' '}
            <Badge
              size="xs"
              variant="light"
              color={row.flag === 'overdue' ? 'red' : row.flag === 'done' ? 'green' : 'yellow'}
            >
              {t(`managementReviews.actionStatuses.${(row.flag ?? 'open') as 'open'}`)}
            </Badge>
          </List.Item>
        ))}
      </List>
    );
  const columns: [string, Unit][] =
    input.key === 'serviceDelivery'
      ? [
          ['resolved', 'count'],
          ['medianHours', 'hours'],
          ['meanHours', 'hours'],
        ]
      : input.key === 'training'
        ? [
            ['due', 'count'],
            ['completedOnTime', 'count'],
            ['rate', 'percent'],
          ]
        : [['count', 'count']];
  const rowLabel = (label: string) =>
    input.key === 'serviceDelivery'
      ? t(`managementReviews.ticketTypes.${label as 'incident'}`)
      : input.key === 'audits'
        ? t(`audits.kinds.${label as 'observation'}`, { defaultValue: label })
        : label;
  return (
    <Table fz="sm" withRowBorders={false} verticalSpacing={2}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t(`managementReviews.rowHeaders.${input.key as 'training'}`)}</Table.Th>
          {columns.map(([key]) => (
            <Table.Th key={key}>{t(`managementReviews.figures.${key as 'open'}`)}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {input.rows.map((row) => (
          <Table.Tr key={row.label}>
            <Table.Td>{rowLabel(row.label)}</Table.Td>
            {columns.map(([key, unit]) => (
              <Table.Td key={key}>{f(row.figures[key], unit)}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function InputComment({
  review,
  inputKey,
  comment,
  canComment,
  onSaved,
}: {
  review: Review;
  inputKey: InputKey;
  comment: string;
  canComment: boolean;
  onSaved: (review: Review) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(comment);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!canComment)
    return comment ? (
      <Text size="sm" fs="italic">
        {t('managementReviews.inputs.comment')}: {comment}
      </Text>
    ) : null;
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await updateReview(
        review.id,
        { inputComments: { [inputKey]: text.trim() } },
        review.version,
      );
      onSaved(saved);
      notify({ color: 'green', message: t('managementReviews.inputs.commentSaved') });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4}>
      {error !== null && <ProblemAlert error={error} />}
      <Textarea
        label={t('managementReviews.inputs.comment')}
        autosize
        minRows={1}
        maxRows={6}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
      />
      {text.trim() !== comment && (
        <Group gap="xs">
          <Button size="xs" loading={busy} onClick={() => void save()}>
            {t('managementReviews.inputs.saveComment')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setText(comment)}>
            {t('actions.discard')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
