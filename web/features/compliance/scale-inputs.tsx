import { Badge, Select, type SelectProps } from '@mantine/core';
import {
  IconCircleCheck,
  IconCircleDashed,
  IconCircleHalf2,
  IconCircleX,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { StatusBadge, type StatusTone } from '../../ui/status-badge';
import {
  CONFORMITIES,
  type Conformity,
  isMaturityLevel,
  MATURITY_LEVELS,
  type MaturityLevel,
} from './scale';

// Inputs and badges for the assessment scale. Maturity always shows its number with its name
// ("2 · Managed"), conformity its word with an icon: never a bare number or a colour alone.

type BaseSelect = Omit<SelectProps, 'data' | 'value' | 'onChange'>;

export function useMaturityName() {
  const { t } = useTranslation();
  return (level: number | null | undefined) =>
    isMaturityLevel(level)
      ? t('compliance.maturityLabel', { level, name: t(`compliance.maturity.${level}`) })
      : t('compliance.noValue');
}

interface MaturitySelectProps extends BaseSelect {
  value: MaturityLevel | null;
  onChange: (value: MaturityLevel | null) => void;
}

/** One of the six maturity levels, 0 (incomplete) to 5 (optimising). */
export function MaturitySelect({ value, onChange, ...props }: MaturitySelectProps) {
  const name = useMaturityName();
  return (
    <Select
      {...props}
      data={MATURITY_LEVELS.map((level) => ({ value: String(level), label: name(level) }))}
      value={value === null ? null : String(value)}
      onChange={(next) => {
        const level = next === null ? null : Number(next);
        onChange(isMaturityLevel(level) ? level : null);
      }}
      allowDeselect={props.clearable ?? false}
    />
  );
}

interface ConformitySelectProps extends BaseSelect {
  value: Conformity;
  onChange: (value: Conformity) => void;
}

export function ConformitySelect({ value, onChange, ...props }: ConformitySelectProps) {
  const { t } = useTranslation();
  return (
    <Select
      {...props}
      data={CONFORMITIES.map((conformity) => ({
        value: conformity,
        label: t(`compliance.conformity.${conformity}`),
      }))}
      value={value}
      onChange={(next) => next && onChange(next as Conformity)}
      allowDeselect={false}
    />
  );
}

const CONFORMITY_TONE: Record<Conformity, StatusTone> = {
  not_assessed: 'inactive',
  conforming: 'done',
  partially_conforming: 'waiting',
  nonconforming: 'failed',
};

export function ConformityBadge({
  conformity,
  size = 'sm',
}: {
  conformity: Conformity;
  size?: 'xs' | 'sm' | 'md';
}) {
  const { t } = useTranslation();
  return (
    <StatusBadge
      tone={CONFORMITY_TONE[conformity]}
      label={t(`compliance.conformity.${conformity}`)}
      size={size}
    />
  );
}

export const CONFORMITY_ICON = {
  not_assessed: IconCircleDashed,
  conforming: IconCircleCheck,
  partially_conforming: IconCircleHalf2,
  nonconforming: IconCircleX,
} as const;

/** "2 → 4": where a requirement stands and where it should get to. */
export function MaturityBadge({ level, target }: { level: number | null; target?: number | null }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="outline"
      color="dark"
      radius="sm"
      style={{ textTransform: 'none' }}
      title={
        isMaturityLevel(level)
          ? `${t(`compliance.maturity.${level}`)}${
              isMaturityLevel(target) ? ` → ${t(`compliance.maturity.${target}`)}` : ''
            }`
          : undefined
      }
    >
      {isMaturityLevel(level) ? level : '—'}
      {target !== undefined && ` → ${isMaturityLevel(target) ? target : '—'}`}
    </Badge>
  );
}
