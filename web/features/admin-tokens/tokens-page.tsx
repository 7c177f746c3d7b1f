import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ApiToken } from '../../api/types';
import { PageHeader } from '../../ui/page';
import { TokensEmpty, TokensTable } from '../account/tokens-table';

const adminTokensKey = ['tokens', 'all'] as const;

const adminTokensQuery = infiniteQueryOptions({
  queryKey: adminTokensKey,
  queryFn: ({ pageParam, signal }) =>
    api.list<ApiToken>('/api/v1/tokens', { limit: 50, cursor: pageParam }, signal),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});

export function AdminTokensPage() {
  const { t } = useTranslation();
  const query = useInfiniteQuery(adminTokensQuery);
  return (
    <>
      <PageHeader title={t('modules.tokens.label')} description={t('tokens.adminDescription')} />
      <TokensTable
        label={t('modules.tokens.label')}
        storageKey="admin-tokens"
        query={query}
        showOwner
        revoke={(token) => api.delete(`/api/v1/tokens/${encodeURIComponent(token.id)}`)}
        invalidate={['tokens']}
        empty={
          <TokensEmpty
            title={t('tokens.empty.adminTitle')}
            description={t('tokens.empty.adminDescription')}
          />
        }
      />
    </>
  );
}
