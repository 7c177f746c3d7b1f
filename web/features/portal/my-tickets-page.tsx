import { Button, EmptyState, Text } from '@mantine/core';
import { IconTicket } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '../../ui/data-table';
import { DateTime } from '../../ui/dates';
import { AnchorLink } from '../../ui/links';
import { PageHeader } from '../../ui/page';
import { myTicketsQuery, type PortalTicketSummary } from './api';
import { PortalStatus } from './labels';

/** Everything the signed-in person raised, most recently changed first. */
export function MyTicketsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const query = useInfiniteQuery(myTicketsQuery);
  const open = (ticket: PortalTicketSummary) =>
    void navigate({ to: '/portal/tickets/$id', params: { id: ticket.number } });

  const columns: Column<PortalTicketSummary>[] = [
    {
      id: 'number',
      header: t('portal.fields.number'),
      width: 130,
      cell: (ticket) => (
        <AnchorLink to="/portal/tickets/$id" params={{ id: ticket.number }} fw={500}>
          {ticket.number}
        </AnchorLink>
      ),
    },
    {
      id: 'title',
      header: t('portal.fields.title'),
      wrap: true,
      cell: (ticket) => <Text size="sm">{ticket.title}</Text>,
    },
    {
      id: 'service',
      header: t('portal.fields.service'),
      cell: (ticket) => ticket.serviceName ?? '—',
    },
    {
      id: 'status',
      header: t('portal.fields.status'),
      cell: (ticket) => <PortalStatus status={ticket.status} holdReason={ticket.holdReason} />,
    },
    {
      id: 'updated',
      header: t('portal.fields.updated'),
      cell: (ticket) => <DateTime value={ticket.updatedAt} format="relative" />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('portal.myTickets.title')}
        description={t('portal.myTickets.description')}
        crumbs={[{ label: t('portal.home.title'), to: '/portal' }]}
        actions={
          <Button component={Link} to="/portal">
            {t('portal.myTickets.new')}
          </Button>
        }
      />
      <DataTable
        label={t('portal.myTickets.title')}
        storageKey="portal-tickets"
        columns={columns}
        query={query}
        rowKey={(ticket) => ticket.id}
        onOpen={open}
        empty={
          <EmptyState
            icon={<IconTicket size={28} aria-hidden />}
            title={t('portal.myTickets.emptyTitle')}
            description={t('portal.myTickets.emptyDescription')}
            withIndicatorBackground
          >
            <EmptyState.Actions>
              <Button component={Link} to="/portal">
                {t('portal.myTickets.new')}
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        }
      />
    </>
  );
}
