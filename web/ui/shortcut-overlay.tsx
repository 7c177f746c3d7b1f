import { Group, Kbd, Modal, Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';

const SHORTCUTS = [
  { keys: ['?'], label: 'shortcuts.help' },
  { keys: ['/'], label: 'shortcuts.search' },
  { keys: ['j'], label: 'shortcuts.next' },
  { keys: ['k'], label: 'shortcuts.previous' },
  { keys: ['Enter'], label: 'shortcuts.open' },
  { keys: ['Esc'], label: 'shortcuts.close' },
  { keys: ['Tab'], label: 'shortcuts.tab' },
] as const;

interface ShortcutOverlayProps {
  opened: boolean;
  onClose: () => void;
}

export function ShortcutOverlay({ opened, onClose }: ShortcutOverlayProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('shortcuts.title')} size="md">
      <Table verticalSpacing="xs">
        <Table.Caption>{t('shortcuts.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('shortcuts.keyColumn')}</Table.Th>
            <Table.Th scope="col">{t('shortcuts.actionColumn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SHORTCUTS.map((shortcut) => (
            <Table.Tr key={shortcut.label}>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {shortcut.keys.map((key, index) => (
                    <Fragment key={key}>
                      {index > 0 && <Text span>+</Text>}
                      <Kbd>{key}</Kbd>
                    </Fragment>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>{t(shortcut.label)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
