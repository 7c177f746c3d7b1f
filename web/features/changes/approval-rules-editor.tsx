import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { GroupSelect } from '../catalogue/group-select';
import {
  APPROVAL_MODES,
  type ApprovalMode,
  type ApprovalRule,
  CHANGE_TYPES,
  type ChangeType,
  RISK_LEVELS,
  type RiskLevel,
  type RuleStep,
} from './api';
import { type ErrorOf, focusLater, MoveButtons, moved } from './policy-editor-parts';

// The approval rules of the change policy: the first rule matching a change's type, risk level
// and major impact decides its approval steps, so their order matters.

interface RulesEditorProps {
  value: ApprovalRule[];
  onChange: (value: ApprovalRule[]) => void;
  errorOf: ErrorOf;
}

const MAJOR_OPTIONS = ['any', 'yes', 'no'] as const;

export function ApprovalRulesEditor({ value, onChange, errorOf }: RulesEditorProps) {
  const { t } = useTranslation();
  const update = (index: number, rule: ApprovalRule) =>
    onChange(value.map((current, i) => (i === index ? rule : current)));
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {value.length ? t('changes.policy.rulesHint') : t('changes.policy.noRules')}
      </Text>
      {value.map((rule, ri) => {
        const path = `approvalRules.${ri}`;
        const name = rule.name.trim() || t('changes.policy.rule', { position: ri + 1 });
        const setStep = (si: number, step: RuleStep) =>
          update(ri, {
            ...rule,
            steps: rule.steps.map((current, i) => (i === si ? step : current)),
          });
        return (
          <Fieldset
            // biome-ignore lint/suspicious/noArrayIndexKey: rules are identified by their position (their order matters)
            key={ri}
            legend={t('changes.policy.ruleLegend', { position: ri + 1 })}
            variant="filled"
          >
            <Stack gap="xs">
              <Group align="flex-start" gap="xs" wrap="nowrap">
                <TextInput
                  id={`rule-${ri}-name`}
                  label={t('changes.policy.ruleName')}
                  value={rule.name}
                  onChange={(event) => update(ri, { ...rule, name: event.currentTarget.value })}
                  required
                  error={errorOf(`${path}.name`)}
                  style={{ flex: 1 }}
                />
                <div style={{ marginTop: 24 }}>
                  <MoveButtons
                    id="rule"
                    index={ri}
                    count={value.length}
                    name={name}
                    onMove={(to) => onChange(moved(value, ri, to))}
                    onRemove={() => onChange(value.filter((_, i) => i !== ri))}
                  />
                </div>
              </Group>
              <Group align="flex-start" gap="xs" grow>
                <MultiSelect
                  label={t('changes.policy.ruleTypes')}
                  data={CHANGE_TYPES.map((type) => ({
                    value: type,
                    label: t(`changes.types.${type}`),
                  }))}
                  value={rule.types}
                  onChange={(types) => update(ri, { ...rule, types: types as ChangeType[] })}
                  required
                  error={errorOf(`${path}.types`)}
                />
                <MultiSelect
                  label={t('changes.policy.ruleRisks')}
                  placeholder={rule.riskLevels.length ? undefined : t('changes.policy.anyRisk')}
                  data={RISK_LEVELS.map((level) => ({
                    value: level,
                    label: t(`changes.risk.levels.${level}`),
                  }))}
                  value={rule.riskLevels}
                  onChange={(levels) => update(ri, { ...rule, riskLevels: levels as RiskLevel[] })}
                  error={errorOf(`${path}.riskLevels`)}
                />
                <Select
                  label={t('changes.policy.ruleMajor')}
                  data={MAJOR_OPTIONS.map((option) => ({
                    value: option,
                    label: t(`changes.policy.major.${option}`),
                  }))}
                  value={rule.major === null ? 'any' : rule.major ? 'yes' : 'no'}
                  onChange={(option) =>
                    update(ri, {
                      ...rule,
                      major: option === 'yes' ? true : option === 'no' ? false : null,
                    })
                  }
                  allowDeselect={false}
                />
              </Group>
              <Text size="sm" fw={500} mt="xs">
                {t('changes.policy.steps')}
              </Text>
              {rule.steps.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('changes.policy.noSteps')}
                </Text>
              )}
              {rule.steps.map((step, si) => {
                const stepPath = `${path}.steps.${si}`;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: steps are identified by their position
                  <Group key={si} align="flex-start" gap="xs" wrap="wrap" pl="md">
                    <TextInput
                      id={`rule-${ri}-step-${si}`}
                      label={t('changes.policy.stepName', { position: si + 1 })}
                      value={step.name}
                      onChange={(event) =>
                        setStep(si, { ...step, name: event.currentTarget.value })
                      }
                      required
                      error={errorOf(`${stepPath}.name`)}
                      w={200}
                    />
                    <Select
                      label={t('changes.policy.approvers')}
                      data={[
                        { value: 'group', label: t('changes.policy.approverGroup') },
                        { value: 'service_owners', label: t('changes.approvals.serviceOwners') },
                      ]}
                      value={step.approvers.kind}
                      onChange={(kind) =>
                        setStep(si, {
                          ...step,
                          approvers:
                            kind === 'group'
                              ? { kind: 'group', groupId: '' }
                              : { kind: 'service_owners' },
                        })
                      }
                      allowDeselect={false}
                      w={230}
                    />
                    {step.approvers.kind === 'group' && (
                      <div style={{ width: 220 }}>
                        <GroupSelect
                          label={t('changes.policy.group')}
                          value={step.approvers.groupId || null}
                          onChange={(groupId) =>
                            setStep(si, {
                              ...step,
                              approvers: { kind: 'group', groupId: groupId ?? '' },
                            })
                          }
                          required
                          error={errorOf(`${stepPath}.approvers.groupId`)}
                        />
                      </div>
                    )}
                    <Select
                      label={t('changes.policy.mode')}
                      data={APPROVAL_MODES.map((mode) => ({
                        value: mode,
                        label: t(`changes.policy.modes.${mode}`),
                      }))}
                      value={step.mode}
                      onChange={(mode) =>
                        setStep(si, {
                          ...step,
                          mode: mode as ApprovalMode,
                          n: mode === 'n_of_m' ? (step.n ?? 2) : null,
                        })
                      }
                      allowDeselect={false}
                      error={errorOf(`${stepPath}.mode`)}
                      w={210}
                    />
                    {step.mode === 'n_of_m' && (
                      <NumberInput
                        label={t('changes.policy.n')}
                        min={1}
                        allowDecimal={false}
                        value={step.n ?? 1}
                        onChange={(next) => setStep(si, { ...step, n: Number(next) || 1 })}
                        error={errorOf(`${stepPath}.n`)}
                        w={110}
                      />
                    )}
                    <Tooltip label={t('changes.policy.remove')}>
                      <ActionIcon
                        mt={26}
                        variant="subtle"
                        color="red"
                        aria-label={t('changes.policy.removeNamed', {
                          name: step.name || t('changes.policy.stepName', { position: si + 1 }),
                        })}
                        onClick={() =>
                          update(ri, { ...rule, steps: rule.steps.filter((_, i) => i !== si) })
                        }
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                );
              })}
              <Group pl="md">
                <Button
                  variant="subtle"
                  size="xs"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() => {
                    update(ri, {
                      ...rule,
                      steps: [
                        ...rule.steps,
                        {
                          name: '',
                          approvers: { kind: 'group', groupId: '' },
                          mode: 'all',
                          n: null,
                        },
                      ],
                    });
                    focusLater(`rule-${ri}-step-${rule.steps.length}`);
                  }}
                >
                  {t('changes.policy.addStep')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        );
      })}
      <Group>
        <Button
          id="rule-add"
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => {
            onChange([
              ...value,
              { name: '', types: ['normal'], riskLevels: [], major: null, steps: [] },
            ]);
            focusLater(`rule-${value.length}-name`);
          }}
        >
          {t('changes.policy.addRule')}
        </Button>
      </Group>
    </Stack>
  );
}
