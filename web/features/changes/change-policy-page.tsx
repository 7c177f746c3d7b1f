import { Button, Group, MultiSelect, Paper, Stack, Switch, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, isVersionConflict } from '../../api/client';
import { notify } from '../../ui/notify';
import { PageHeader, Section } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { UnsavedChangesGuard } from '../../ui/record-form';
import { RecordError, RecordSkeleton } from '../../ui/record-states';
import { usePermissions } from '../auth/session';
import {
  type ChangePolicy,
  changesKeys,
  type PolicyBody,
  policyQuery,
  RISK_LEVELS,
  type RiskLevel,
  updatePolicy,
} from './api';
import { ApprovalRulesEditor } from './approval-rules-editor';
import { QuestionnaireEditor } from './questionnaire-editor';
import { ServiceMultiSelect } from './service-multi-select';
import { TemplatesSection } from './templates-section';

/** The change policy (ISO/IEC 20000-1 8.5.1.1) as data, edited as one versioned document. */
export function ChangePolicyPage() {
  const { t } = useTranslation();
  const query = useQuery(policyQuery);
  if (query.isPending) return <RecordSkeleton />;
  if (query.isError)
    return (
      <>
        <PageHeader title={t('modules.changePolicy.label')} />
        <RecordError
          error={query.error}
          onRetry={() => void query.refetch()}
          backTo="/changes"
          backLabel={t('changes.backToList')}
        />
      </>
    );
  return <PolicyEditor key={query.data.version} policy={query.data} />;
}

const bodyOf = (policy: ChangePolicy): PolicyBody => ({
  allServicesControlled: policy.allServicesControlled,
  controlledServiceIds: policy.controlledServiceIds,
  majorImpact: policy.majorImpact,
  riskQuestionnaire: policy.riskQuestionnaire,
  approvalRules: policy.approvalRules,
});

function PolicyEditor({ policy }: { policy: ChangePolicy }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const manage = can('changes.manage');
  const queryClient = useQueryClient();
  const [value, setValue] = useState<PolicyBody>(() => bodyOf(policy));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const dirty = JSON.stringify(value) !== JSON.stringify(bodyOf(policy));
  const fieldErrors = isApiError(error) ? error.fieldErrors() : {};
  const errorOf = (path: string) => fieldErrors[path];

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const saved = await updatePolicy(value, policy.version);
      queryClient.setQueryData(changesKeys.policy, saved);
      notify({ color: 'green', message: t('changes.policy.saved') });
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <UnsavedChangesGuard when={dirty && !saving} />
      <PageHeader
        title={t('modules.changePolicy.label')}
        description={t('changes.policy.description')}
      />
      <form onSubmit={(event) => void save(event)} noValidate>
        <Stack gap="lg">
          {error !== null && (
            <ProblemAlert error={error}>
              {isVersionConflict(error) && (
                <Button
                  variant="default"
                  size="xs"
                  onClick={() =>
                    void queryClient.invalidateQueries({ queryKey: changesKeys.policy })
                  }
                >
                  {t('changes.policy.reload')}
                </Button>
              )}
            </ProblemAlert>
          )}
          <fieldset disabled={!manage} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <Stack gap="lg">
              <Section title={t('changes.policy.control')}>
                <Stack gap="sm">
                  <Switch
                    label={t('changes.policy.allServicesControlled')}
                    description={t('changes.policy.allServicesControlledHint')}
                    checked={value.allServicesControlled}
                    onChange={(event) =>
                      setValue({ ...value, allServicesControlled: event.currentTarget.checked })
                    }
                  />
                  {!value.allServicesControlled && (
                    <ServiceMultiSelect
                      label={t('changes.policy.controlledServices')}
                      value={value.controlledServiceIds}
                      onChange={(ids) => setValue({ ...value, controlledServiceIds: ids })}
                      error={errorOf('controlledServiceIds')}
                    />
                  )}
                </Stack>
              </Section>
              <Section title={t('changes.policy.majorImpact')}>
                <Stack gap="sm">
                  <Text size="sm" c="dimmed">
                    {t('changes.policy.majorImpactHint')}
                  </Text>
                  <Group grow align="flex-start">
                    <MultiSelect
                      label={t('changes.policy.majorRiskLevels')}
                      data={RISK_LEVELS.map((level) => ({
                        value: level,
                        label: t(`changes.risk.levels.${level}`),
                      }))}
                      value={value.majorImpact.riskLevels}
                      onChange={(levels) =>
                        setValue({
                          ...value,
                          majorImpact: { ...value.majorImpact, riskLevels: levels as RiskLevel[] },
                        })
                      }
                      error={errorOf('majorImpact.riskLevels')}
                    />
                    <ServiceMultiSelect
                      label={t('changes.policy.majorServices')}
                      value={value.majorImpact.serviceIds}
                      onChange={(ids) =>
                        setValue({
                          ...value,
                          majorImpact: { ...value.majorImpact, serviceIds: ids },
                        })
                      }
                      error={errorOf('majorImpact.serviceIds')}
                    />
                  </Group>
                </Stack>
              </Section>
              <Section title={t('changes.policy.questionnaire')}>
                <QuestionnaireEditor
                  value={value.riskQuestionnaire}
                  onChange={(riskQuestionnaire) => setValue({ ...value, riskQuestionnaire })}
                  errorOf={errorOf}
                />
              </Section>
              <Section title={t('changes.policy.rules')}>
                <ApprovalRulesEditor
                  value={value.approvalRules}
                  onChange={(approvalRules) => setValue({ ...value, approvalRules })}
                  errorOf={errorOf}
                />
              </Section>
            </Stack>
          </fieldset>
          {manage && (
            <Paper
              withBorder
              p="sm"
              radius="sm"
              shadow={dirty ? 'md' : undefined}
              style={dirty ? { position: 'sticky', bottom: 8, zIndex: 5 } : undefined}
            >
              <Group justify="space-between">
                <Text size="sm" c="dimmed">
                  {dirty ? t('record.unsavedHint') : t('changes.noUnsaved')}
                </Text>
                <Group gap="xs">
                  <Button
                    variant="default"
                    disabled={!dirty}
                    onClick={() => {
                      setValue(bodyOf(policy));
                      setError(null);
                    }}
                  >
                    {t('actions.discard')}
                  </Button>
                  <Button type="submit" loading={saving} disabled={!dirty}>
                    {t('changes.policy.save')}
                  </Button>
                </Group>
              </Group>
            </Paper>
          )}
        </Stack>
      </form>
      {/* Outside the policy's form: the template dialogs submit forms of their own. */}
      <Stack mt="lg">
        <Section title={t('changes.templates.title')}>
          <TemplatesSection manage={manage} />
        </Section>
      </Stack>
    </>
  );
}
