import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Release, releasesKeys } from './api';

/**
 * Runs one write on a release and puts the server's answer in the cache; the failure is kept for
 * the section that made it, and what the user typed stays where it was.
 */
export function useReleaseWrite() {
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (write: () => Promise<Release>): Promise<Release | null> => {
    setBusy(true);
    setError(null);
    try {
      const saved = await write();
      queryClient.setQueryData(releasesKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: releasesKeys.boards });
      void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
      return saved;
    } catch (caught) {
      setError(caught);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { run, error, setError, busy };
}
