import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isVersionConflict } from '../../api/client';
import {
  changeStatus,
  type StatusChange,
  type Ticket,
  type TicketDetail,
  type TicketPatch,
  ticketsKeys,
  updateTicket,
} from './api';

// Every change on the ticket page goes through here: it sends the version the page shows as
// If-Match, refreshes the ticket, its timeline and the queues afterwards, and turns a 412 into a
// "someone else changed this ticket" state that the page shows with a Reload button (nothing is
// sent again behind the user's back).

export interface TicketActions {
  busy: boolean;
  conflict: boolean;
  error: unknown;
  clearError: () => void;
  reload: () => Promise<void>;
  patch: (patch: TicketPatch) => Promise<boolean>;
  status: (change: StatusChange) => Promise<boolean>;
  /** Runs a change that needs no version (comments, watchers, links, tasks), then refreshes. */
  run: (work: () => Promise<unknown>) => Promise<boolean>;
  refresh: () => Promise<void>;
}

export function useTicketActions(ticket: TicketDetail, key: string): TicketActions {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ticketsKeys.detail(key) }),
      queryClient.invalidateQueries({ queryKey: ticketsKeys.timeline(key) }),
      queryClient.invalidateQueries({ queryKey: ['tickets', 'explanation', ticket.id] }),
    ]);
    void queryClient.invalidateQueries({ queryKey: ticketsKeys.lists });
  };

  const attempt = async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      const saved = await work();
      if (saved && typeof saved === 'object' && 'version' in saved && 'number' in saved) {
        // The answer is the plain ticket: keep the detail's extras until the refetch lands.
        queryClient.setQueryData<TicketDetail>(ticketsKeys.detail(key), (current) =>
          current ? { ...current, ...(saved as Ticket) } : current,
        );
      }
      await refresh();
      return true;
    } catch (caught) {
      if (isVersionConflict(caught)) setConflict(true);
      else setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  };

  return {
    busy,
    conflict,
    error,
    clearError: () => setError(null),
    reload: async () => {
      setConflict(false);
      setError(null);
      await refresh();
    },
    patch: (patch) => attempt(() => updateTicket(ticket.id, patch, ticket.version)),
    status: (change) => attempt(() => changeStatus(ticket.id, change, ticket.version)),
    run: (work) => attempt(work),
    refresh,
  };
}
