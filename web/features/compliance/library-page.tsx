import {
  Badge,
  Box,
  Checkbox,
  EmptyState,
  Grid,
  Group,
  NavLink,
  ScrollArea,
  Select,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core';
import { IconBooks, IconFileCertificate } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader, Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { SearchInput } from '../../ui/search-input';
import { usePermissions } from '../auth/session';
import { type LibraryNode, libraryQuery } from './api';
import { buildTree, filterTree, leavesOf, type TreeNode } from './library-tree';
import { LicensedTextSection } from './licensed-text';
import { GuidanceLanguageNote, RequirementGuidance } from './requirement-guidance';
import type { LibrarySearch } from './routes';

const route = getRouteApi('/app/compliance/library');

export function LibraryPage() {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/compliance/library' });
  const query = useQuery(libraryQuery(i18n.language));
  const setSearch = (next: Partial<LibrarySearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...next }), replace: true });

  const tree = useMemo(() => buildTree(query.data?.nodes ?? []), [query.data]);
  const filtered = useMemo(
    () => filterTree(tree, { q: search.q, clause: search.clause, mandatory: search.mandatory }),
    [tree, search.q, search.clause, search.mandatory],
  );
  const leaves = useMemo(() => leavesOf(filtered), [filtered]);
  const selected =
    query.data?.nodes.find((node) => node.leaf && node.number === search.r) ?? leaves[0];
  const framework = query.data?.framework;
  const narrowed = Boolean(search.q || search.clause || search.mandatory);

  return (
    <>
      <PageHeader
        title={t('modules.requirementLibrary.label')}
        description={t('compliance.library.description')}
        meta={
          framework && (
            <>
              <Badge variant="light" color="gray" radius="sm" tt="none">
                {framework.title}
              </Badge>
              <Badge variant="light" color="gray" radius="sm" tt="none">
                {t('compliance.library.edition', { edition: framework.edition })}
              </Badge>
              <Text size="sm" c="dimmed">
                {t('compliance.library.leafCount', { count: framework.leafCount })}
              </Text>
            </>
          )
        }
      />
      {query.isError ? (
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
            <Stack gap="sm">
              <SearchInput
                label={t('compliance.library.searchLabel')}
                placeholder={t('compliance.library.searchPlaceholder')}
                clearLabel={t('actions.clearSearch')}
                value={search.q ?? ''}
                onChange={(q) => setSearch({ q: q || undefined })}
              />
              <Group gap="sm" align="flex-end">
                <Select
                  aria-label={t('compliance.library.clauseFilter')}
                  placeholder={t('compliance.library.anyClause')}
                  data={tree.map((entry) => ({
                    value: entry.node.number,
                    label: `${entry.node.number} ${entry.node.title}`,
                  }))}
                  value={search.clause ?? null}
                  onChange={(clause) => setSearch({ clause: clause ?? undefined })}
                  clearable
                  w={230}
                />
                <Checkbox
                  label={t('compliance.library.mandatoryOnly')}
                  checked={search.mandatory ?? false}
                  onChange={(event) =>
                    setSearch({ mandatory: event.currentTarget.checked || undefined })
                  }
                />
              </Group>
              <Text size="xs" c="dimmed" aria-live="polite">
                {t('compliance.library.matching', { count: leaves.length })}
              </Text>
              <Box
                component="nav"
                aria-label={t('compliance.library.treeLabel')}
                style={{
                  border: '1px solid var(--mantine-color-default-border)',
                  borderRadius: 'var(--mantine-radius-sm)',
                }}
              >
                <ScrollArea.Autosize mah="calc(100vh - 300px)" type="auto">
                  {query.isPending ? (
                    <Stack gap={6} p="sm">
                      {Array.from({ length: 10 }, (_, index) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders
                        <Skeleton key={index} height={18} width={index % 3 ? '80%' : '60%'} />
                      ))}
                    </Stack>
                  ) : filtered.length === 0 ? (
                    <EmptyState
                      py="lg"
                      icon={<IconBooks size={24} aria-hidden />}
                      title={t('compliance.library.noMatch')}
                      description={t('compliance.library.noMatchHint')}
                    />
                  ) : (
                    <Box p={4}>
                      {filtered.map((entry) => (
                        <TreeItem
                          key={entry.node.number}
                          entry={entry}
                          selected={selected?.number}
                          expandAll={narrowed}
                          onSelect={(r) => setSearch({ r })}
                        />
                      ))}
                    </Box>
                  )}
                </ScrollArea.Autosize>
              </Box>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
            {selected ? (
              <Stack gap="lg">
                <Section title={`${selected.number} ${selected.title}`}>
                  <Stack gap="md">
                    <Group gap="xs">
                      <Badge variant="light" color="gray" radius="sm" tt="none">
                        {t('compliance.library.edition', { edition: selected.edition })}
                      </Badge>
                      {selected.documentedInformation.some((item) => item.mandatory) && (
                        <Badge
                          variant="outline"
                          color="dark"
                          radius="sm"
                          tt="none"
                          leftSection={<IconFileCertificate size={12} aria-hidden />}
                        >
                          {t('compliance.library.hasMandatory')}
                        </Badge>
                      )}
                    </Group>
                    <GuidanceLanguageNote language={query.data?.language} />
                    <RequirementGuidance node={selected} />
                  </Stack>
                </Section>
                {can('compliance.manage') && (
                  <Section title={t('compliance.licensed.title')}>
                    <LicensedTextSection key={selected.id} requirementId={selected.id} />
                  </Section>
                )}
              </Stack>
            ) : query.isPending ? (
              <Skeleton height={320} />
            ) : null}
          </Grid.Col>
        </Grid>
      )}
    </>
  );
}

interface TreeItemProps {
  entry: TreeNode;
  selected: string | undefined;
  expandAll: boolean;
  onSelect: (number: string) => void;
}

function TreeItem({ entry, selected, expandAll, onSelect }: TreeItemProps) {
  const { node, children } = entry;
  const label = (
    <Text size="sm" span>
      <Text span fw={600} size="sm">
        {node.number}
      </Text>{' '}
      {node.title}
    </Text>
  );
  if (node.leaf) {
    return (
      <NavLink
        ref={(element: HTMLButtonElement | null) => {
          // A requirement opened from a link is brought into view in the tree.
          if (element && node.number === selected) element.scrollIntoView?.({ block: 'nearest' });
        }}
        component="button"
        type="button"
        label={label}
        active={node.number === selected}
        aria-current={node.number === selected ? 'true' : undefined}
        onClick={() => onSelect(node.number)}
        py={4}
        rightSection={<MandatoryMark node={node} />}
      />
    );
  }
  const holdsSelected = Boolean(selected?.startsWith(`${node.number}.`));
  return (
    <NavLink
      component="button"
      type="button"
      label={label}
      defaultOpened={expandAll || holdsSelected || node.depth === 0}
      key={expandAll ? 'open' : 'default'}
      childrenOffset={14}
      py={4}
    >
      {children.map((child) => (
        <TreeItem
          key={child.node.number}
          entry={child}
          selected={selected}
          expandAll={expandAll}
          onSelect={onSelect}
        />
      ))}
    </NavLink>
  );
}

function MandatoryMark({ node }: { node: LibraryNode }) {
  const { t } = useTranslation();
  if (!node.documentedInformation.some((item) => item.mandatory)) return null;
  return (
    <IconFileCertificate
      size={14}
      aria-label={t('compliance.library.hasMandatory')}
      role="img"
      style={{ flexShrink: 0 }}
    />
  );
}
