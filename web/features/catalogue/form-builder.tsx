import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BOUNDED_KINDS,
  FIELD_KINDS,
  type FieldKind,
  type FormField,
  SELECT_KINDS,
  TEXT_KINDS,
} from './api';
import { keyFromLabel, moved, withKind } from './model';

// The form builder: the fields a requester fills in, in order. Each field is a fieldset named by
// its position and label; moving one keeps the keyboard focus on the button that moved it.

interface FormBuilderProps {
  value: FormField[];
  onChange: (value: FormField[]) => void;
  /** The problem at a form path (`form.2.options`), already in words. */
  errorOf: (path: string) => ReactNode;
  readOnly: boolean;
}

const focusLater = (id: string) =>
  requestAnimationFrame(() => document.getElementById(id)?.focus());

export function FormBuilder({ value, onChange, errorOf, readOnly }: FormBuilderProps) {
  const { t } = useTranslation();
  const update = (index: number, field: FormField) =>
    onChange(value.map((current, i) => (i === index ? field : current)));
  const move = (from: number, to: number, direction: 'up' | 'down') => {
    onChange(moved(value, from, to));
    const target =
      (to === 0 && direction === 'up') || (to === value.length - 1 && direction === 'down');
    focusLater(`form-field-${to}-${target ? (direction === 'up' ? 'down' : 'up') : direction}`);
  };
  const add = () => {
    const next = value.length;
    onChange([...value, { key: '', label: '', kind: 'text', required: false }]);
    focusLater(`form-field-${next}-label`);
  };

  return (
    <Stack gap="sm">
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('catalogue.builder.empty')}
        </Text>
      )}
      {value.map((field, index) => (
        <FieldEditor
          // Fields have no identity of their own: the position is their key while editing.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={index}
          index={index}
          count={value.length}
          field={field}
          taken={value.filter((_, i) => i !== index).map((f) => f.key)}
          onChange={(next) => update(index, next)}
          onRemove={() => {
            onChange(value.filter((_, i) => i !== index));
            focusLater(
              value.length > 1 ? `form-field-${Math.max(0, index - 1)}-label` : 'form-field-add',
            );
          }}
          onMove={(to, direction) => move(index, to, direction)}
          errorOf={(attr) => errorOf(`form.${index}.${attr}`)}
          readOnly={readOnly}
        />
      ))}
      {!readOnly && (
        <Group>
          <Button
            id="form-field-add"
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={add}
          >
            {t('catalogue.builder.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

interface FieldEditorProps {
  index: number;
  count: number;
  field: FormField;
  taken: string[];
  onChange: (field: FormField) => void;
  onRemove: () => void;
  onMove: (to: number, direction: 'up' | 'down') => void;
  errorOf: (attr: string) => ReactNode;
  readOnly: boolean;
}

function FieldEditor(props: FieldEditorProps) {
  const { index, count, field, taken, onChange, onRemove, onMove, errorOf, readOnly } = props;
  const { t } = useTranslation();
  const id = `form-field-${index}`;
  const name = field.label.trim() || t('catalogue.builder.untitled');
  const text = TEXT_KINDS.includes(field.kind);
  const bound = (attr: 'min' | 'max') => (
    <NumberInput
      label={t(`catalogue.builder.${text ? 'length' : 'value'}.${attr}`)}
      value={field[attr] ?? ''}
      onChange={(next) => {
        const updated = { ...field };
        if (typeof next === 'number') updated[attr] = next;
        else delete updated[attr];
        onChange(updated);
      }}
      allowDecimal={!text}
      allowNegative={!text}
      disabled={readOnly}
      error={errorOf(attr)}
    />
  );
  return (
    <Fieldset
      legend={t('catalogue.builder.legend', { position: index + 1, name })}
      variant="default"
      p="sm"
    >
      <Stack gap="xs">
        <Group align="flex-start" gap="xs" wrap="nowrap">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" style={{ flex: 1 }}>
            <TextInput
              id={`${id}-label`}
              label={t('catalogue.builder.label')}
              required
              value={field.label}
              onChange={(event) => onChange({ ...field, label: event.currentTarget.value })}
              onBlur={() => {
                if (!field.key && field.label.trim()) {
                  onChange({ ...field, key: keyFromLabel(field.label, taken) });
                }
              }}
              disabled={readOnly}
              error={errorOf('label')}
              autoComplete="off"
            />
            <TextInput
              label={t('catalogue.builder.key')}
              title={t('catalogue.builder.keyHint')}
              required
              value={field.key}
              onChange={(event) => onChange({ ...field, key: event.currentTarget.value.trim() })}
              disabled={readOnly}
              error={errorOf('key')}
              autoComplete="off"
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
            <Select
              label={t('catalogue.builder.kind')}
              data={FIELD_KINDS.map((kind) => ({
                value: kind,
                label: t(`catalogue.kinds.${kind}`),
              }))}
              value={field.kind}
              onChange={(kind) => kind && onChange(withKind(field, kind as FieldKind))}
              allowDeselect={false}
              disabled={readOnly}
              error={errorOf('kind')}
            />
          </SimpleGrid>
          {!readOnly && (
            <Group gap={4} mt={24} wrap="nowrap">
              <Tooltip label={t('catalogue.builder.moveUp')}>
                <ActionIcon
                  id={`${id}-up`}
                  variant="subtle"
                  color="gray"
                  aria-label={t('catalogue.builder.moveUpNamed', { name })}
                  disabled={index === 0}
                  onClick={() => onMove(index - 1, 'up')}
                >
                  <IconArrowUp size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('catalogue.builder.moveDown')}>
                <ActionIcon
                  id={`${id}-down`}
                  variant="subtle"
                  color="gray"
                  aria-label={t('catalogue.builder.moveDownNamed', { name })}
                  disabled={index === count - 1}
                  onClick={() => onMove(index + 1, 'down')}
                >
                  <IconArrowDown size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('catalogue.builder.remove')}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('catalogue.builder.removeNamed', { name })}
                  onClick={onRemove}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
            </Group>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <TextInput
            label={t('catalogue.builder.help')}
            value={field.help ?? ''}
            onChange={(event) => onChange({ ...field, help: event.currentTarget.value })}
            disabled={readOnly}
            error={errorOf('help')}
          />
          <Checkbox
            label={
              field.kind === 'checkbox'
                ? t('catalogue.builder.requiredTick')
                : t('catalogue.builder.required')
            }
            checked={field.required}
            onChange={(event) => onChange({ ...field, required: event.currentTarget.checked })}
            disabled={readOnly}
            mt={{ base: 0, sm: 30 }}
          />
        </SimpleGrid>
        {SELECT_KINDS.includes(field.kind) && (
          <TagsInput
            label={t('catalogue.builder.options')}
            description={t('catalogue.builder.optionsHint')}
            required
            value={field.options ?? []}
            onChange={(options) => onChange({ ...field, options })}
            disabled={readOnly}
            error={errorOf('options')}
            clearable
            clearButtonProps={{ 'aria-label': t('catalogue.builder.clearOptions') }}
            splitChars={['|']}
          />
        )}
        {(BOUNDED_KINDS.includes(field.kind) || TEXT_KINDS.includes(field.kind)) && (
          <SimpleGrid cols={{ base: 1, sm: text ? 3 : 2 }} spacing="xs">
            {bound('min')}
            {bound('max')}
            {text && (
              <TextInput
                label={t('catalogue.builder.pattern')}
                title={t('catalogue.builder.patternHint')}
                placeholder={t('catalogue.builder.patternPlaceholder')}
                value={field.pattern ?? ''}
                onChange={(event) => {
                  const { pattern: _previous, ...rest } = field;
                  const pattern = event.currentTarget.value;
                  onChange(pattern ? { ...rest, pattern } : rest);
                }}
                disabled={readOnly}
                error={errorOf('pattern')}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                autoComplete="off"
              />
            )}
          </SimpleGrid>
        )}
      </Stack>
    </Fieldset>
  );
}
