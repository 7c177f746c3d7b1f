// The Service Management Strategy Framework deck (issue 8): a card that explains it, lets the
// reader pick a quarter and downloads the PPTX. The link carries the interface language, since a
// plain download cannot send the app's Accept-Language header.
import { Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { IconPresentation } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../api/client';

export const STRATEGY_DECK_PATH = '/api/v1/reports/strategy-framework.pptx';

interface QuarterOption {
  value: string;
  quarter: number;
  year: number;
  from: string;
  to: string;
  /** The quarter under way: its figures run to today. */
  current: boolean;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The quarter under way (to today) and the four full quarters before it, newest first (UTC). */
export function quarterOptions(today = new Date()): QuarterOption[] {
  const year = today.getUTCFullYear();
  const start = today.getUTCMonth() - (today.getUTCMonth() % 3);
  return [0, 1, 2, 3, 4].map((back) => {
    const first = new Date(Date.UTC(year, start - 3 * back, 1));
    const last = new Date(Date.UTC(year, start - 3 * back + 3, 0));
    return {
      value: `${first.getUTCFullYear()}-Q${first.getUTCMonth() / 3 + 1}`,
      quarter: first.getUTCMonth() / 3 + 1,
      year: first.getUTCFullYear(),
      from: day(first),
      to: back === 0 ? day(today) : day(last),
      current: back === 0,
    };
  });
}

export function StrategyDeckCard() {
  const { t, i18n } = useTranslation();
  const options = useMemo(() => quarterOptions(), []);
  // The last full quarter by default, as the server does without a period.
  const [value, setValue] = useState(options[1]?.value ?? '');
  const chosen = options.find((o) => o.value === value) ?? options[1];
  const dates = new Intl.DateTimeFormat(i18n.language, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const range = chosen
    ? t('reports.strategyDeck.range', {
        from: dates.format(new Date(`${chosen.from}T00:00:00Z`)),
        to: dates.format(new Date(`${chosen.to}T00:00:00Z`)),
      })
    : '';
  const href = chosen
    ? buildUrl(STRATEGY_DECK_PATH, { from: chosen.from, to: chosen.to, lang: i18n.language })
    : STRATEGY_DECK_PATH;
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="strategy-deck">
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap">
          <IconPresentation size={22} aria-hidden />
          <Title order={2} size="h4" id="strategy-deck">
            {t('reports.strategyDeck.title')}
          </Title>
        </Group>
        <Text size="sm">{t('reports.strategyDeck.description')}</Text>
        <Text size="sm" c="dimmed">
          {t('reports.strategyDeck.contents')}
        </Text>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label={t('reports.strategyDeck.period')}
            description={range}
            data={options.map((o) => ({
              value: o.value,
              label: o.current
                ? t('reports.strategyDeck.currentQuarter', { quarter: o.quarter, year: o.year })
                : t('reports.strategyDeck.quarter', { quarter: o.quarter, year: o.year }),
            }))}
            value={value}
            onChange={(next) => next && setValue(next)}
            allowDeselect={false}
            w={240}
          />
          <Button
            component="a"
            href={href}
            download
            leftSection={<IconPresentation size={16} aria-hidden />}
          >
            {t('reports.strategyDeck.download')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
