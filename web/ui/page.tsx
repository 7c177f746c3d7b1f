import { Anchor, Box, Breadcrumbs, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Crumb {
  label: string;
  to: string;
}

interface PageHeaderProps {
  title: ReactNode;
  /** Plain text for the browser tab when the title is not a string. */
  documentTitle?: string;
  description?: ReactNode;
  /** Badges and key facts shown under the title (record pages). */
  meta?: ReactNode;
  actions?: ReactNode;
  crumbs?: Crumb[];
}

export function PageHeader({
  title,
  documentTitle,
  description,
  meta,
  actions,
  crumbs,
}: PageHeaderProps) {
  const { t } = useTranslation();
  const text = documentTitle ?? (typeof title === 'string' ? title : '');
  useDocumentTitle(text ? `${text} · ${t('app.name')}` : t('app.name'));
  return (
    <Stack gap={6} mb="md">
      {crumbs && crumbs.length > 0 && (
        <Breadcrumbs aria-label={t('nav.breadcrumbs')} separatorMargin={6}>
          {crumbs.map((crumb) => (
            <Anchor key={crumb.to} component={Link} to={crumb.to} size="sm">
              {crumb.label}
            </Anchor>
          ))}
        </Breadcrumbs>
      )}
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Title order={1} fz="h2" style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Title>
          {description && (
            <Text c="dimmed" size="sm">
              {description}
            </Text>
          )}
          {meta && (
            <Group gap="xs" wrap="wrap">
              {meta}
            </Group>
          )}
        </Stack>
        {actions && (
          <Group gap="xs" wrap="wrap">
            {actions}
          </Group>
        )}
      </Group>
    </Stack>
  );
}

interface RecordLayoutProps {
  main: ReactNode;
  side: ReactNode;
}

/** The record half of the pattern: form and timeline in the main column, facts on the side. */
export function RecordLayout({ main, side }: RecordLayoutProps) {
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="lg">{main}</Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack gap="lg">{side}</Stack>
      </Grid.Col>
    </Grid>
  );
}

interface SectionProps {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}

export function Section({ title, children, actions }: SectionProps) {
  const id = `section-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <Box
      component="section"
      aria-labelledby={id}
      p="md"
      style={{
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 'var(--mantine-radius-sm)',
      }}
    >
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="h4" id={id}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Box>
  );
}

interface FactProps {
  label: string;
  children: ReactNode;
}

/** One key fact in a record's side column (label above value). */
export function Fact({ label, children }: FactProps) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500} component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

export function Facts({ children }: { children: ReactNode }) {
  return (
    <Stack gap="sm" component="dl" m={0}>
      {children}
    </Stack>
  );
}
