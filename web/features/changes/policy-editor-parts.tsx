import { ActionIcon, Group, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

// What the change policy's list editors share: keys made from text, moving rows, and the row
// buttons (reachable with the keyboard, named after their row for screen readers).

export type ErrorOf = (path: string) => ReactNode;

export const focusLater = (id: string) =>
  requestAnimationFrame(() => document.getElementById(id)?.focus());

/** A key the server accepts (`[a-z0-9_-]{1,40}`) from a text. */
export function keyFrom(text: string, taken: string[]): string {
  const base =
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 32) || 'item';
  let key = base;
  for (let index = 2; taken.includes(key); index += 1) key = `${base}_${index}`;
  return key;
}

export function moved<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

export function MoveButtons(props: {
  id: string;
  index: number;
  count: number;
  name: string;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { id, index, count, name, onMove, onRemove } = props;
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip label={t('changes.policy.moveUp')}>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t('changes.policy.moveUpNamed', { name })}
          disabled={index === 0}
          onClick={() => onMove(index - 1)}
        >
          <IconArrowUp size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('changes.policy.moveDown')}>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t('changes.policy.moveDownNamed', { name })}
          disabled={index === count - 1}
          onClick={() => onMove(index + 1)}
        >
          <IconArrowDown size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('changes.policy.remove')}>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={t('changes.policy.removeNamed', { name })}
          onClick={() => {
            onRemove();
            focusLater(`${id}-add`);
          }}
        >
          <IconTrash size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
