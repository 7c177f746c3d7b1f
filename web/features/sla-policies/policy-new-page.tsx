import { Box, Button, EmptyState, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCalendarTime } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../api/client';
import type { SlaPolicy } from '../../api/types';
import { ForbiddenPage } from '../../app/fallback-pages';
import { notify } from '../../ui/notify';
import { PageHeader } from '../../ui/page';
import { ProblemAlert } from '../../ui/problem';
import { UnsavedChangesGuard } from '../../ui/record-form';
import { RecordSkeleton } from '../../ui/record-states';
import { usePermissions } from '../auth/session';
import { calendarPickerQuery } from '../sla-calendars/api';
import { errorScopeClass } from '../sla-calendars/field-error';
import { createPolicy, policiesKeys, policiesQuery } from './api';
import { bodyOf, newPolicyValues, type PolicyValues, policyProblems } from './model';
import { PolicyEditor } from './policy-editor';

// A new policy needs its targets from the start, so it is created on a full page with the same
// form as the record page rather than in a small dialog.

export function PolicyNewPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const policies = useQuery(policiesQuery());
  const calendars = useQuery(calendarPickerQuery());
  const header = (
    <PageHeader
      title={t('policies.create.title')}
      crumbs={[{ label: t('modules.slaPolicies.label'), to: '/sla/policies' }]}
    />
  );
  if (!can('sla.manage')) return <ForbiddenPage />;
  if (policies.isPending || calendars.isPending) return <RecordSkeleton />;
  if (policies.isError) {
    return (
      <>
        {header}
        <ProblemAlert error={policies.error} onRetry={() => void policies.refetch()} />
      </>
    );
  }
  if (calendars.data?.items.length === 0) {
    return (
      <>
        {header}
        <EmptyState
          py="xl"
          icon={<IconCalendarTime size={28} aria-hidden />}
          title={t('policies.create.noCalendarTitle')}
          description={t('policies.create.noCalendarDescription')}
          withIndicatorBackground
        >
          <EmptyState.Actions>
            <Button component={Link} to="/sla/calendars">
              {t('policies.create.toCalendars')}
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </>
    );
  }
  const items = policies.data.items;
  // After the last policy, so a new one never takes tickets from an existing one by accident.
  const order = items.length ? Math.max(...items.map((policy) => policy.order)) + 10 : 100;
  const onlyCalendar = calendars.data?.items.length === 1 ? calendars.data.items[0]?.id : null;
  return (
    <>
      {header}
      <div className={errorScopeClass}>
        <NewPolicyForm order={order} calendarId={onlyCalendar ?? null} />
      </div>
    </>
  );
}

function NewPolicyForm({ order, calendarId }: { order: number; calendarId: string | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm<PolicyValues>({
    mode: 'controlled',
    initialValues: { ...newPolicyValues(order), calendarId },
  });
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<SlaPolicy | null>(null);
  // One key per attempt to create this policy: a retried submission never makes two.
  const idempotencyKey = useRef(newIdempotencyKey());

  useEffect(() => {
    if (created) {
      void navigate({
        to: '/sla/policies/$policyId',
        params: { policyId: created.id },
        replace: true,
      });
    }
  }, [created, navigate]);

  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = form.getValues();
    const problems = policyProblems(values);
    if (Object.keys(problems).length > 0) {
      form.setErrors(problems);
      notify({ color: 'red', message: t('policies.problems.fix') });
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const policy = await createPolicy(bodyOf(values), idempotencyKey.current);
      queryClient.setQueryData(policiesKeys.detail(policy.id), policy);
      void queryClient.invalidateQueries({ queryKey: policiesKeys.lists });
      notify({ color: 'green', message: t('policies.create.done', { name: policy.name }) });
      setCreated(policy);
    } catch (caught) {
      if (isApiError(caught)) {
        form.setErrors(caught.fieldErrors());
        // A refused request changed nothing: the next attempt is a new request.
        if (caught.status >= 400 && caught.status < 500)
          idempotencyKey.current = newIdempotencyKey();
      }
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <UnsavedChangesGuard when={form.isDirty() && !created} />
      <form
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-label={t('policies.create.title')}
      >
        <Stack gap="lg" maw={900}>
          {error !== null && <ProblemAlert error={error} />}
          <PolicyEditor form={form} readOnly={false} />
          <Box
            py="sm"
            style={{
              position: 'sticky',
              bottom: 0,
              zIndex: 3,
              background: 'var(--mantine-color-body)',
              borderTop: '1px solid var(--mantine-color-default-border)',
            }}
          >
            <Group gap="xs">
              <Button type="submit" loading={saving}>
                {t('policies.create.submit')}
              </Button>
              <Button variant="default" onClick={() => void navigate({ to: '/sla/policies' })}>
                {t('actions.cancel')}
              </Button>
              <Text size="sm" c="dimmed">
                {t('policies.create.hint')}
              </Text>
            </Group>
          </Box>
        </Stack>
      </form>
    </>
  );
}
