import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import {
  type Assessment,
  type AssessmentItem,
  complianceKeys,
  type ItemPatch,
  updateItem,
} from './api';

/**
 * Saves a change to one assessed requirement against the version on screen, puts the saved item
 * into the cached assessment at once (so the next change is based on it) and refreshes the scores,
 * the heat map and the evidence, which the change may move.
 */
export function useItemSave(assessmentId: string) {
  const queryClient = useQueryClient();
  return useCallback(
    async (item: AssessmentItem, patch: ItemPatch) => {
      const saved = await updateItem(assessmentId, item.id, patch, item.version);
      queryClient.setQueryData<Assessment>(complianceKeys.assessment(assessmentId), (current) =>
        current
          ? { ...current, items: current.items.map((i) => (i.id === saved.id ? saved : i)) }
          : current,
      );
      void queryClient.invalidateQueries({ queryKey: complianceKeys.assessment(assessmentId) });
      void queryClient.invalidateQueries({
        queryKey: complianceKeys.assessmentEvidence(assessmentId),
      });
      void queryClient.invalidateQueries({ queryKey: complianceKeys.assessmentList() });
      return saved;
    },
    [assessmentId, queryClient],
  );
}
