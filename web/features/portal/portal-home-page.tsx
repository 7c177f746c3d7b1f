import {
  Button,
  Card,
  EmptyState,
  Grid,
  Group,
  Mark,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconChecklist, IconChevronRight, IconListSearch, IconTicket } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/links';
import { PageHeader, Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { SearchInput } from '../../ui/search-input';
import { approvalsQuery, type CatalogueEntry, catalogueQuery } from './api';
import { IncidentForm } from './incident-form';
import classes from './portal.module.css';

/** The self-service portal: report a problem, or order something from the catalogue. */
export function PortalHomePage() {
  const { t } = useTranslation();
  const catalogue = useQuery(catalogueQuery);
  const approvals = useQuery(approvalsQuery);
  const waiting = approvals.data?.length ?? 0;

  return (
    <div className={classes.scope}>
      <PageHeader
        title={t('portal.home.title')}
        description={t('portal.home.description')}
        actions={
          <>
            <Button
              component={Link}
              to="/portal/tickets"
              variant="default"
              leftSection={<IconTicket size={16} aria-hidden />}
            >
              {t('portal.myTickets.title')}
            </Button>
            {waiting > 0 && (
              <Button
                component={Link}
                to="/portal/approvals"
                variant="light"
                leftSection={<IconChecklist size={16} aria-hidden />}
              >
                {t('portal.approvals.waiting', { count: waiting })}
              </Button>
            )}
          </>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <CatalogueSection
            entries={catalogue.data}
            pending={catalogue.isPending}
            error={catalogue.isError ? catalogue.error : null}
            onRetry={() => void catalogue.refetch()}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Section title={t('portal.incident.heading')}>
            <Text size="sm" c="dimmed" mb="sm" id="report-problem">
              {t('portal.incident.intro')}
            </Text>
            <IncidentForm catalogue={catalogue.data} />
          </Section>
        </Grid.Col>
      </Grid>
    </div>
  );
}

interface CatalogueSectionProps {
  entries: CatalogueEntry[] | undefined;
  pending: boolean;
  error: unknown;
  onRetry: () => void;
}

function CatalogueSection({ entries, pending, error, onRetry }: CatalogueSectionProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const needle = q.trim().toLocaleLowerCase();
  const shown = (entries ?? [])
    .map((entry) => ({
      ...entry,
      requestTypes: needle
        ? entry.requestTypes.filter((type) => type.name.toLocaleLowerCase().includes(needle))
        : entry.requestTypes,
    }))
    .filter((entry) => (needle ? entry.requestTypes.length > 0 : true));

  return (
    <Section
      title={t('portal.catalogue.heading')}
      actions={
        <SearchInput
          label={t('portal.catalogue.searchLabel')}
          placeholder={t('portal.catalogue.searchPlaceholder')}
          value={q}
          onChange={setQ}
          clearLabel={t('actions.clearSearch')}
        />
      }
    >
      <Text size="sm" c="dimmed" mb="md">
        {t('portal.catalogue.intro')}
      </Text>
      {error ? (
        <ProblemAlert error={error} onRetry={onRetry} />
      ) : pending ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" aria-busy>
          {[0, 1, 2, 3].map((index) => (
            <Skeleton key={index} height={120} radius="sm" />
          ))}
        </SimpleGrid>
      ) : shown.length === 0 ? (
        <EmptyState
          py="lg"
          icon={<IconListSearch size={28} aria-hidden />}
          title={needle ? t('portal.catalogue.noMatch', { q }) : t('portal.catalogue.empty')}
          description={needle ? t('portal.catalogue.noMatchHint') : t('portal.catalogue.emptyHint')}
          withIndicatorBackground
        >
          {needle && (
            <EmptyState.Actions>
              <Button variant="default" onClick={() => setQ('')}>
                {t('actions.clearSearch')}
              </Button>
            </EmptyState.Actions>
          )}
        </EmptyState>
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite" mb="xs">
            {needle
              ? t('portal.catalogue.matches', {
                  count: shown.reduce((sum, entry) => sum + entry.requestTypes.length, 0),
                })
              : ''}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {shown.map((entry) => (
              <ServiceCard key={entry.service.id} entry={entry} highlight={needle} />
            ))}
          </SimpleGrid>
        </>
      )}
    </Section>
  );
}

function ServiceCard({ entry, highlight }: { entry: CatalogueEntry; highlight: string }) {
  const { t } = useTranslation();
  const { service, requestTypes } = entry;
  const headingId = `service-${service.id}`;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Title order={3} fz="h5" id={headingId}>
        {service.name}
      </Title>
      {service.description && (
        <Text size="sm" c="dimmed" mt={4} lineClamp={3}>
          {service.description}
        </Text>
      )}
      {requestTypes.length === 0 ? (
        <Text size="sm" c="dimmed" mt="sm">
          {t('portal.catalogue.nothingToOrder')}
        </Text>
      ) : (
        <Stack component="ul" gap={6} mt="sm" p={0} style={{ listStyle: 'none' }}>
          {requestTypes.map((type) => (
            <li key={type.id}>
              <AnchorLink
                to="/portal/request/$requestTypeId"
                params={{ requestTypeId: type.id }}
                size="sm"
                fw={500}
              >
                <Group gap={4} wrap="nowrap" component="span">
                  <span>
                    {highlight ? <Highlighted text={type.name} part={highlight} /> : type.name}
                  </span>
                  <IconChevronRight size={14} aria-hidden />
                </Group>
              </AnchorLink>
              {type.description && (
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {type.description}
                </Text>
              )}
            </li>
          ))}
        </Stack>
      )}
    </Card>
  );
}

function Highlighted({ text, part }: { text: string; part: string }) {
  const at = text.toLocaleLowerCase().indexOf(part);
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <Mark>{text.slice(at, at + part.length)}</Mark>
      {text.slice(at + part.length)}
    </>
  );
}
