import { Button, Code, EmptyState } from '@mantine/core';
import { IconKey, IconKeyOff } from '@tabler/icons-react';
import {
  type InfiniteData,
  type UseInfiniteQueryResult,
  useQueryClient,
} from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken, Page } from '../../api/types';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { type Column, DataTable } from '../../ui/data-table';
import { DateTime } from '../../ui/dates';
import { AnchorLink } from '../../ui/links';
import { StatusBadge, type StatusTone } from '../../ui/status-badge';
import { UserName } from '../admin-users/user-select';

export function tokenStatus(
  token: ApiToken,
  t: TFunction,
  now = Date.now(),
): { tone: StatusTone; label: string } {
  if (token.revokedAt) return { tone: 'failed', label: t('tokens.status.revoked') };
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) {
    return { tone: 'inactive', label: t('tokens.status.expired') };
  }
  return { tone: 'done', label: t('tokens.status.active') };
}

interface TokensTableProps {
  label: string;
  storageKey: string;
  query: UseInfiniteQueryResult<InfiniteData<Page<ApiToken>>>;
  /** Admin view: show whose token it is. */
  showOwner?: boolean;
  revoke: (token: ApiToken) => Promise<void>;
  /** Query keys to refresh after a revocation. */
  invalidate: readonly unknown[];
  empty: ReactNode;
}

export function TokensTable(props: TokensTableProps) {
  const { label, storageKey, query, showOwner, revoke, invalidate, empty } = props;
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const columns: Column<ApiToken>[] = [
    { id: 'name', header: t('tokens.fields.name'), cell: (token) => token.name },
    ...(showOwner
      ? [
          {
            id: 'owner',
            header: t('tokens.fields.userId'),
            cell: (token: ApiToken) => (
              <AnchorLink to="/admin/users/$userId" params={{ userId: token.userId }} size="sm">
                <UserName id={token.userId} />
              </AnchorLink>
            ),
          },
        ]
      : []),
    {
      id: 'prefix',
      header: t('tokens.fields.prefix'),
      cell: (token) => <Code>{token.prefix}…</Code>,
    },
    {
      id: 'status',
      header: t('tokens.fields.status'),
      cell: (token) => <StatusBadge {...tokenStatus(token, t)} />,
    },
    {
      id: 'createdAt',
      header: t('common.createdAt'),
      defaultHidden: true,
      cell: (token) => <DateTime value={token.createdAt} format="date" />,
    },
    {
      id: 'lastUsedAt',
      header: t('tokens.fields.lastUsedAt'),
      cell: (token) => (
        <DateTime value={token.lastUsedAt} format="relative" empty={t('tokens.never')} />
      ),
    },
    {
      id: 'expiresAt',
      header: t('tokens.fields.expiresAt'),
      cell: (token) => <DateTime value={token.expiresAt} format="date" empty={t('tokens.never')} />,
    },
    {
      id: 'actions',
      header: t('common.actions'),
      hideable: false,
      cell: (token) =>
        token.revokedAt ? null : (
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            leftSection={<IconKeyOff size={14} aria-hidden />}
            onClick={() => setRevoking(token)}
            aria-label={t('tokens.revoke.label', { name: token.name })}
          >
            {t('tokens.revoke.action')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <DataTable
        label={label}
        storageKey={storageKey}
        columns={columns}
        query={query}
        rowKey={(token) => token.id}
        empty={empty}
      />
      <ConfirmDialog
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('tokens.revoke.title', { name: revoking?.name ?? '' })}
        description={t('tokens.revoke.description')}
        confirmLabel={t('tokens.revoke.action')}
        danger
        onConfirm={async () => {
          if (!revoking) return;
          await revoke(revoking);
          await queryClient.invalidateQueries({ queryKey: invalidate });
        }}
      />
    </>
  );
}

export function TokensEmpty({
  title,
  description,
  action,
}: {
  title: string;
  description: string;
  action?: ReactNode;
}) {
  return (
    <EmptyState
      icon={<IconKey size={28} aria-hidden />}
      title={title}
      description={description}
      withIndicatorBackground
    >
      {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
    </EmptyState>
  );
}
