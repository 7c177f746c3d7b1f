import { Alert, Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LibraryNode } from './api';
import { LiveSourceFigure } from './evidence-figure';

// A leaf requirement's guidance, written in our own words (never the standard's): what it asks,
// the documented information it calls for (mandatory ones marked in words, not only by an icon),
// what an auditor asks to see, and the Meridian records that prove it, with their live figures.

const baseOf = (tag: string) => tag.toLowerCase().split('-')[0];

/**
 * Says in which language the guidance is when that matters: English guidance shown to a user of
 * another interface language, or translated guidance (whose clause titles stay in English).
 */
export function GuidanceLanguageNote({ language }: { language: string | undefined }) {
  const { t, i18n } = useTranslation();
  if (!language) return null;
  const guidance = baseOf(language);
  const ui = baseOf(i18n.language);
  if (guidance === ui && guidance === 'en') return null;
  return (
    <Text size="xs" c="dimmed">
      {guidance === ui
        ? t('compliance.guidance.translatedNote')
        : t('compliance.guidance.languageNote')}
    </Text>
  );
}

interface RequirementGuidanceProps {
  node: LibraryNode;
  /** Show the live figure of every Meridian source (one request each). */
  liveFigures?: boolean;
  headingOrder?: 2 | 3;
}

export function RequirementGuidance({
  node,
  liveFigures = true,
  headingOrder = 3,
}: RequirementGuidanceProps) {
  const { t } = useTranslation();
  const heading = (text: string) => (
    <Title order={headingOrder} fz="h5">
      {text}
    </Title>
  );
  return (
    <Stack gap="md">
      {node.intent && (
        <Stack gap={4}>
          {heading(t('compliance.guidance.intent'))}
          <Text size="sm">{node.intent}</Text>
        </Stack>
      )}
      <Stack gap={4}>
        {heading(t('compliance.guidance.documentedInformation'))}
        {node.documentedInformation.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('compliance.guidance.noDocumentedInformation')}
          </Text>
        ) : (
          <List size="sm" spacing={4}>
            {node.documentedInformation.map((item) => (
              <List.Item key={item.name}>
                <Group gap={6} wrap="wrap">
                  <span>{item.name}</span>
                  {item.mandatory ? (
                    <Badge size="xs" variant="outline" color="dark" radius="sm" tt="none">
                      {t('compliance.guidance.mandatory')}
                    </Badge>
                  ) : (
                    <Text span size="xs" c="dimmed">
                      ({t('compliance.guidance.goodPractice')})
                    </Text>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
      <Stack gap={4}>
        {heading(t('compliance.guidance.auditEvidence'))}
        <List size="sm" spacing={4}>
          {node.auditEvidence.map((item) => (
            <List.Item key={item}>{item}</List.Item>
          ))}
        </List>
      </Stack>
      <Stack gap={6}>
        {heading(t('compliance.guidance.meridianEvidence'))}
        {node.meridianEvidence.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('compliance.guidance.noMeridianEvidence')}
          </Text>
        ) : liveFigures ? (
          <Stack gap="sm">
            {node.meridianEvidence.map((item) => (
              <LiveSourceFigure
                key={item.source}
                source={item.source}
                description={item.description}
              />
            ))}
          </Stack>
        ) : (
          <List size="sm" spacing={4}>
            {node.meridianEvidence.map((item) => (
              <List.Item key={item.source}>{item.description}</List.Item>
            ))}
          </List>
        )}
        {node.meridianGap && (
          <Alert
            variant="light"
            color="gray"
            icon={<IconInfoCircle aria-hidden />}
            title={t('compliance.guidance.outsideMeridian')}
          >
            <Text size="sm">{node.meridianGap}</Text>
          </Alert>
        )}
      </Stack>
    </Stack>
  );
}
