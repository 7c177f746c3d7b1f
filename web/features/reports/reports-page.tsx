import {
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconBellPlus, IconDownload } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../../api/client';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { formattingLocale } from '../../ui/dates';
import { notify } from '../../ui/notify';
import { PageHeader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { OrganisationSelect } from '../admin-organisations/organisation-select';
import { useServiceOptions } from '../problems/service-options';
import {
  type ReportScope,
  recentMonths,
  reportsKeys,
  reportUrl,
  type Subscription,
  subscribe,
  subscriptionsQuery,
  unsubscribe,
} from './api';
import { StrategyDeckCard } from './strategy-deck-card';

const route = getRouteApi('/app/reports');
const MONTHS_OFFERED = 24;

// The service reports screen: pick a service or a customer organisation and a month, download its
// monthly PDF (docs/service-reports.md); one's own monthly-email subscriptions; the strategy deck.
export function ReportsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('reports.title')} description={t('reports.description')} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <MonthlyReportCard />
        <SubscriptionsCard />
      </SimpleGrid>
      <Stack mt="md">
        <StrategyDeckCard />
      </Stack>
    </>
  );
}

function useMonthLabel() {
  const { i18n } = useTranslation();
  const locale = formattingLocale(i18n.language);
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    return (month: string) => format.format(new Date(`${month}-15T12:00:00Z`));
  }, [locale]);
}

function MonthlyReportCard() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const services = useServiceOptions();
  const monthLabel = useMonthLabel();
  const months = useMemo(() => recentMonths(new Date(), MONTHS_OFFERED), []);
  const [kind, setKind] = useState<ReportScope['kind']>(
    search.organisationId && !search.serviceId ? 'organisation' : 'service',
  );
  const month = search.month ?? (months[0] as string);
  const id = kind === 'service' ? search.serviceId : search.organisationId;
  const scope: ReportScope | null = id ? { kind, id } : null;
  const subscriptions = useQuery(subscriptionsQuery());
  const subscribed = subscriptions.data?.items.some((s) =>
    scope?.kind === 'service' ? s.serviceId === scope.id : s.organisationId === scope?.id,
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (next: Partial<typeof search>) =>
    navigate({ search: { ...search, ...next }, replace: true });

  const onSubscribe = async () => {
    if (!scope) return;
    setBusy(true);
    setError(null);
    try {
      const created = await subscribe(scope, newIdempotencyKey());
      await queryClient.invalidateQueries({ queryKey: reportsKeys.subscriptions });
      notify({
        color: 'green',
        message: t('reports.subscriptions.added', { name: created.scopeName }),
      });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder radius="md" component="section" aria-labelledby="monthly-report">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="monthly-report">
          {t('reports.monthly.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('reports.monthly.description')}
        </Text>
        <SegmentedControl
          aria-label={t('reports.monthly.scope')}
          value={kind}
          onChange={(value) => setKind(value as ReportScope['kind'])}
          data={[
            { value: 'service', label: t('reports.monthly.service') },
            { value: 'organisation', label: t('reports.monthly.organisation') },
          ]}
        />
        {kind === 'service' ? (
          <Select
            label={t('reports.monthly.service')}
            placeholder={t('reports.monthly.chooseService')}
            data={services}
            value={search.serviceId ?? null}
            onChange={(value) => set({ serviceId: value ?? undefined })}
            searchable
            clearable
          />
        ) : (
          <OrganisationSelect
            label={t('reports.monthly.organisation')}
            value={search.organisationId ?? null}
            onChange={(value) => set({ organisationId: value ?? undefined })}
          />
        )}
        <Select
          label={t('reports.monthly.month')}
          data={months.map((m) => ({ value: m, label: monthLabel(m) }))}
          value={month}
          onChange={(value) => set({ month: value ?? undefined })}
          allowDeselect={false}
        />
        {error ? <ProblemAlert error={error} /> : null}
        <Group gap="sm">
          {scope ? (
            <Button
              component="a"
              href={reportUrl(month, scope)}
              download
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('reports.monthly.download')}
            </Button>
          ) : (
            <Button disabled leftSection={<IconDownload size={16} aria-hidden />}>
              {t('reports.monthly.download')}
            </Button>
          )}
          <Button
            variant="default"
            leftSection={<IconBellPlus size={16} aria-hidden />}
            disabled={!scope || subscribed || subscriptions.isPending}
            loading={busy}
            onClick={() => void onSubscribe()}
          >
            {subscribed ? t('reports.monthly.subscribed') : t('reports.monthly.subscribe')}
          </Button>
        </Group>
        {!scope && (
          <Text size="sm" c="dimmed">
            {t('reports.monthly.chooseFirst')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function SubscriptionsCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery(subscriptionsQuery());
  const [ending, setEnding] = useState<Subscription | null>(null);
  const items = query.data?.items ?? [];
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="my-subscriptions">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="my-subscriptions">
          {t('reports.subscriptions.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('reports.subscriptions.description')}
        </Text>
        {query.isError && <ProblemAlert error={query.error} onRetry={() => query.refetch()} />}
        {query.isPending && <Skeleton height={80} />}
        {query.data && items.length === 0 && (
          <Text size="sm">{t('reports.subscriptions.none')}</Text>
        )}
        {items.length > 0 && (
          <Table striped withTableBorder fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('reports.subscriptions.report')}</Table.Th>
                <Table.Th scope="col">{t('reports.subscriptions.kind')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('reports.subscriptions.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Th scope="row" fw={500}>
                    {s.scopeName}
                  </Table.Th>
                  <Table.Td>
                    {s.serviceId ? t('reports.monthly.service') : t('reports.monthly.organisation')}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => setEnding(s)}
                      aria-label={t('reports.subscriptions.unsubscribeLabel', {
                        name: s.scopeName,
                      })}
                    >
                      {t('reports.subscriptions.unsubscribe')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <ConfirmDialog
        opened={ending !== null}
        onClose={() => setEnding(null)}
        title={t('reports.subscriptions.confirmTitle')}
        description={t('reports.subscriptions.confirm', { name: ending?.scopeName ?? '' })}
        confirmLabel={t('reports.subscriptions.unsubscribe')}
        danger
        onConfirm={async () => {
          if (!ending) return;
          await unsubscribe(ending.id);
          await queryClient.invalidateQueries({ queryKey: reportsKeys.subscriptions });
          notify({
            color: 'green',
            message: t('reports.subscriptions.removed', { name: ending.scopeName }),
          });
          setEnding(null);
        }}
      />
    </Card>
  );
}
