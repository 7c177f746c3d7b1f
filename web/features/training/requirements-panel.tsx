import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/problem';
import { GroupSelect } from '../catalogue/group-select';
import { addRequirement, type CourseDetail, removeRequirement, trainingKeys } from './api';

const ROLES = ['admin', 'manager', 'agent', 'auditor', 'requester'] as const;

/** Who must take the course: roles and groups, due N days after assignment, mandatory or not. */
export function RequirementsPanel({ course, manage }: { course: CourseDetail; manage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'role' | 'group'>('role');
  const [role, setRole] = useState<string | null>(null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [dueDays, setDueDays] = useState<number | string>(30);
  const [mandatory, setMandatory] = useState(true);
  const done = (saved: CourseDetail, message: string) => {
    queryClient.setQueryData(trainingKeys.course(course.id), saved);
    void queryClient.invalidateQueries({ queryKey: trainingKeys.courseAssignments(course.id) });
    notify({ color: 'green', message });
  };
  const add = useMutation({
    mutationFn: () =>
      addRequirement(course.id, {
        role: kind === 'role' ? role : null,
        groupId: kind === 'group' ? groupId : null,
        dueDays: typeof dueDays === 'number' ? dueDays : 0,
        mandatory,
      }),
    onSuccess: (saved) => {
      done(saved, t('training.requirements.added'));
      setRole(null);
      setGroupId(null);
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => removeRequirement(course.id, id),
    onSuccess: (saved) => done(saved, t('training.requirements.removed')),
  });
  return (
    <Stack gap="sm">
      {course.requirements.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('training.requirements.none')}
        </Text>
      ) : (
        <Table aria-label={t('training.requirements.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('training.requirements.who')}</Table.Th>
              <Table.Th>{t('training.requirements.dueDays')}</Table.Th>
              <Table.Th>{t('training.fields.mandatory')}</Table.Th>
              {manage && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {course.requirements.map((r) => {
              const who = r.role
                ? t('training.requirements.role', {
                    role: t(`roles.${r.role as (typeof ROLES)[number]}`),
                  })
                : t('training.requirements.group', { group: r.groupName ?? '' });
              return (
                <Table.Tr key={r.id}>
                  <Table.Td>{who}</Table.Td>
                  <Table.Td>{t('training.requirements.days', { count: r.dueDays })}</Table.Td>
                  <Table.Td>{r.mandatory ? t('common.yes') : t('common.no')}</Table.Td>
                  {manage && (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('training.requirements.remove', { who })}
                        loading={remove.isPending && remove.variables === r.id}
                        onClick={() => remove.mutate(r.id)}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {remove.isError && <ProblemAlert error={remove.error} />}
      {manage && course.status !== 'retired' && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate();
          }}
          noValidate
        >
          <Stack gap="xs">
            <Text size="sm" fw={500} id="requirement-kind">
              {t('training.requirements.add')}
            </Text>
            <SegmentedControl
              aria-labelledby="requirement-kind"
              value={kind}
              onChange={(v) => setKind(v as 'role' | 'group')}
              data={[
                { value: 'role', label: t('training.requirements.byRole') },
                { value: 'group', label: t('training.requirements.byGroup') },
              ]}
              maw={320}
            />
            <Group align="flex-end" gap="sm">
              {kind === 'role' ? (
                <Select
                  label={t('training.requirements.roleLabel')}
                  data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                  value={role}
                  onChange={setRole}
                  w={220}
                />
              ) : (
                <GroupSelect
                  label={t('training.requirements.groupLabel')}
                  value={groupId}
                  onChange={setGroupId}
                />
              )}
              <NumberInput
                label={t('training.requirements.dueDays')}
                min={0}
                max={730}
                value={dueDays}
                onChange={setDueDays}
                w={160}
              />
              <Checkbox
                mb={8}
                label={t('training.fields.mandatory')}
                checked={mandatory}
                onChange={(e) => setMandatory(e.currentTarget.checked)}
              />
              <Button type="submit" variant="light" loading={add.isPending}>
                {t('training.requirements.submit')}
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              {t('training.requirements.hint')}
            </Text>
            {add.isError && <ProblemAlert error={add.error} />}
          </Stack>
        </form>
      )}
    </Stack>
  );
}
