import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { catalogueKeys, type Service } from '../catalogue/api';

/** The catalogue's services as select options (a catalogue has tens of services: all are offered). */
export function useServiceOptions(): { value: string; label: string }[] {
  const query = useQuery({
    queryKey: [...catalogueKeys.serviceLists, 'picker'],
    queryFn: ({ signal }) => api.list<Service>('/api/v1/services', { limit: 200 }, signal),
    staleTime: 30_000,
  });
  return (query.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
}
