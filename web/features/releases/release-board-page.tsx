import {
  Badge,
  Box,
  Button,
  Card,
  Group,
  ScrollArea,
  Select,
  Skeleton,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/dates';
import { ExportMenu } from '../../ui/export-menu';
import { AnchorLink } from '../../ui/links';
import { PageHeader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { usePermissions } from '../auth/session';
import { ServiceName, ServiceSelect } from '../catalogue/service-select';
import { boardQuery, RELEASE_TYPES, type ReleaseCard, type ReleaseType } from './api';
import { ReleaseCreateDialog } from './release-create-dialog';
import { MoveMenu } from './release-move';
import { Readiness } from './release-status';

const route = getRouteApi('/app/releases');

export function ReleaseBoardPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/releases' });
  const [createOpened, create] = useDisclosure(false);
  const query = useQuery(boardQuery({ serviceId: search.serviceId, type: search.type }));
  const manages = can('releases.manage');
  const columns = (query.data?.columns ?? []).filter(
    (column) => search.closed || column.status !== 'closed',
  );
  const setSearch = (patch: Partial<typeof search>) =>
    void navigate({ search: { ...search, ...patch }, replace: true });

  return (
    <>
      <PageHeader
        title={t('modules.releases.label')}
        description={t('releases.board.description')}
        actions={
          <>
            <ExportMenu
              path="/releases"
              filters={{ serviceId: search.serviceId, type: search.type }}
            />
            {manages && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
                {t('releases.create.open')}
              </Button>
            )}
          </>
        }
      />
      <Group gap="sm" align="flex-end" mb="md" wrap="wrap">
        <ServiceSelect
          label={t('releases.fields.serviceId')}
          value={search.serviceId ?? null}
          onChange={(value) => setSearch({ serviceId: value ?? undefined })}
          placeholder={t('releases.board.anyService')}
          clearable
          w={220}
        />
        <Select
          label={t('releases.fields.type')}
          placeholder={t('releases.board.anyType')}
          data={RELEASE_TYPES.map((type) => ({ value: type, label: t(`releases.types.${type}`) }))}
          value={search.type ?? null}
          onChange={(value) => setSearch({ type: (value as ReleaseType | null) ?? undefined })}
          clearable
          w={180}
        />
        <Switch
          label={t('releases.board.showClosed')}
          checked={!!search.closed}
          onChange={(event) => setSearch({ closed: event.currentTarget.checked || undefined })}
          mb={8}
        />
      </Group>
      {query.isError ? (
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ScrollArea type="auto" offsetScrollbars>
          <Group align="flex-start" gap="sm" wrap="nowrap" pb="sm">
            {query.isPending
              ? Array.from({ length: 7 }, (_, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
                  <Skeleton key={i} miw={170} h={320} radius="sm" style={{ flex: '1 1 0' }} />
                ))
              : columns.map((column) => (
                  <Box
                    key={column.status}
                    component="section"
                    aria-labelledby={`release-column-${column.status}`}
                    miw={170}
                    p="xs"
                    style={{
                      flex: '1 1 0',
                      background: 'var(--mantine-color-default-hover)',
                      borderRadius: 'var(--mantine-radius-sm)',
                    }}
                  >
                    <Group justify="space-between" mb="xs" gap={4}>
                      <Title order={2} fz="sm" id={`release-column-${column.status}`}>
                        {t(`releases.statuses.${column.status}`)}
                      </Title>
                      <Badge
                        size="sm"
                        variant="default"
                        aria-label={t('releases.board.count', { count: column.total })}
                      >
                        {column.total}
                      </Badge>
                    </Group>
                    <Stack gap="xs">
                      {column.items.length === 0 && (
                        <Text size="xs" c="dimmed" ta="center" py="md">
                          {t('releases.board.emptyColumn')}
                        </Text>
                      )}
                      {column.items.map((release) => (
                        <ReleaseBoardCard key={release.id} release={release} manages={manages} />
                      ))}
                      {column.total > column.items.length && (
                        <Text size="xs" c="dimmed" ta="center">
                          {t('releases.board.more', {
                            count: column.total - column.items.length,
                          })}
                        </Text>
                      )}
                    </Stack>
                  </Box>
                ))}
          </Group>
        </ScrollArea>
      )}
      {manages && (
        <ReleaseCreateDialog
          opened={createOpened}
          onClose={create.close}
          onCreated={(release) =>
            void navigate({ to: '/releases/$releaseId', params: { releaseId: release.id } })
          }
        />
      )}
    </>
  );
}

function ReleaseBoardCard({ release, manages }: { release: ReleaseCard; manages: boolean }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="xs" radius="sm" component="article" aria-label={release.number}>
      <Stack gap={6}>
        <AnchorLink to="/releases/$releaseId" params={{ releaseId: release.id }} fw={600} size="sm">
          {release.number}
        </AnchorLink>
        <Text size="sm" fw={500} lineClamp={2}>
          {release.title}
        </Text>
        <Group gap={4}>
          <Badge size="xs" variant="light" color="blue" tt="none">
            {release.versionLabel}
          </Badge>
          <Badge
            size="xs"
            variant="outline"
            tt="none"
            color={release.type === 'emergency' ? 'red' : 'gray'}
          >
            {t(`releases.types.${release.type}`)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          <ServiceName id={release.serviceId} />
        </Text>
        <Text size="xs" c="dimmed">
          {release.plannedStart ? (
            <>
              <DateTime value={release.plannedStart} /> → <DateTime value={release.plannedEnd} />
            </>
          ) : (
            t('releases.board.noWindow')
          )}
        </Text>
        <Readiness release={release} />
        {manages && <MoveMenu release={release} />}
      </Stack>
    </Card>
  );
}
