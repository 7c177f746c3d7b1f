import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { allGroupsQuery } from '../catalogue/group-select';

/** The groups the signed-in person belongs to, read only when `enabled` ("my tasks" is on). */
export function useMyGroupIds(userId: string, enabled: boolean): ReadonlySet<string> {
  const groups = useQuery({ ...allGroupsQuery, enabled });
  return useMemo(
    () =>
      new Set(
        (groups.data?.items ?? []).filter((g) => g.memberIds.includes(userId)).map((g) => g.id),
      ),
    [groups.data, userId],
  );
}
