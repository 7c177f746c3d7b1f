import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { catalogueKeys, type Service } from '../catalogue/api';

/**
 * The catalogue's service names, loaded once for screens that show many services at a time
 * (the calendar's rows, change lists); shares the service picker's cached query.
 */
export function useServiceNames(): { name: (id: string) => string; services: Service[] } {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: [...catalogueKeys.serviceLists, 'picker'],
    queryFn: ({ signal }) => api.list<Service>('/api/v1/services', { limit: 200 }, signal),
    staleTime: 30_000,
  });
  const items = query.data?.items;
  const name = useCallback(
    (id: string) =>
      items?.find((service) => service.id === id)?.name ??
      (query.isPending ? '…' : t('catalogue.services.unknown')),
    [items, query.isPending, t],
  );
  return { name, services: items ?? [] };
}
