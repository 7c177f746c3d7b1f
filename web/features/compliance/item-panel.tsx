import { Accordion, Drawer, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentItem } from './api';
import { libraryQuery } from './api';
import { GapTasks } from './gap-tasks';
import { ItemEvidencePanel } from './item-evidence';
import { ItemForm } from './item-form';
import { GuidanceLanguageNote, RequirementGuidance } from './requirement-guidance';
import { ConformityBadge, MaturityBadge } from './scale-inputs';

// One requirement of an assessment, side by side with the page: where it stands, its evidence,
// the roadmap tasks closing its gap, and the library's guidance to assess it by.

interface ItemPanelProps {
  assessmentId: string;
  assessedOn: string;
  item: AssessmentItem | undefined;
  canAssess: boolean;
  onClose: () => void;
  onReload: () => void;
}

export function ItemPanel(props: ItemPanelProps) {
  const { assessmentId, assessedOn, item, canAssess, onClose, onReload } = props;
  const { t, i18n } = useTranslation();
  const library = useQuery(libraryQuery(i18n.language));
  const node = library.data?.nodes.find((n) => n.id === item?.requirementId);
  const [dirty, setDirty] = useState(false);
  return (
    <Drawer
      opened={!!item}
      onClose={() => {
        if (dirty && !window.confirm(t('unsaved.description'))) return;
        setDirty(false);
        onClose();
      }}
      position="right"
      size="xl"
      title={item ? `${item.number} ${item.title}` : ''}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      {item && (
        <Stack gap="lg">
          <Group gap="xs">
            <ConformityBadge conformity={item.conformity} />
            <MaturityBadge level={item.maturity} target={item.targetMaturity} />
            {item.gap && (
              <Text size="sm" c="dimmed">
                {t('compliance.item.isGap')}
              </Text>
            )}
          </Group>
          <section aria-label={t('compliance.item.assessTitle')}>
            <ItemForm
              key={item.id}
              assessmentId={assessmentId}
              item={item}
              readOnly={!canAssess}
              onReload={onReload}
              onDirtyChange={setDirty}
            />
          </section>
          <Accordion
            multiple
            defaultValue={['evidence', 'roadmap']}
            variant="separated"
            chevronPosition="left"
          >
            <Accordion.Item value="evidence">
              <Accordion.Control>{t('compliance.item.evidenceTitle')}</Accordion.Control>
              <Accordion.Panel>
                <ItemEvidencePanel
                  key={item.id}
                  assessmentId={assessmentId}
                  item={item}
                  assessedOn={assessedOn}
                  readOnly={!canAssess}
                />
              </Accordion.Panel>
            </Accordion.Item>
            <Accordion.Item value="roadmap">
              <Accordion.Control>{t('compliance.item.roadmapTitle')}</Accordion.Control>
              <Accordion.Panel>
                <GapTasks assessmentId={assessmentId} item={item} canPlan={canAssess} />
              </Accordion.Panel>
            </Accordion.Item>
            <Accordion.Item value="guidance">
              <Accordion.Control>{t('compliance.item.guidanceTitle')}</Accordion.Control>
              <Accordion.Panel>
                {node ? (
                  <Stack gap="xs">
                    <GuidanceLanguageNote language={library.data?.language} />
                    <RequirementGuidance node={node} liveFigures={false} headingOrder={3} />
                  </Stack>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('common.loading')}
                  </Text>
                )}
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        </Stack>
      )}
    </Drawer>
  );
}
