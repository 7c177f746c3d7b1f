import { Card, Group, SimpleGrid, Text, ThemeIcon } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { visibleModules } from '../../app/modules';
import { PageHeader } from '../../ui/page';
import { usePermissions, useSession } from '../auth/session';

export function HomePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const can = usePermissions();
  const cards = visibleModules(can).filter((module) => module.onHome);
  return (
    <>
      <PageHeader
        title={t('home.greeting', { name: user.name })}
        documentTitle={t('modules.home.label')}
        description={t('home.description')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {cards.map((module) => {
          const Icon = module.icon;
          return (
            <Card
              key={module.id}
              withBorder
              padding="lg"
              component={Link}
              to={module.path}
              style={{ textDecoration: 'none' }}
            >
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon size={40} variant="light" radius="md">
                  <Icon size={22} aria-hidden />
                </ThemeIcon>
                <div>
                  <Text fw={600}>{t(module.labelKey)}</Text>
                  <Text size="sm" c="dimmed">
                    {t(module.descriptionKey)}
                  </Text>
                </div>
              </Group>
            </Card>
          );
        })}
      </SimpleGrid>
    </>
  );
}
