import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { isApiError, onUnauthorized, setCsrfToken } from '../api/client';
import { sessionQueryKey } from '../features/auth/session';
import { i18n } from '../i18n';
import { createAppRouter } from './router';
import { cssVariablesResolver, theme } from './theme';

function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache(),
    mutationCache: new MutationCache(),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not get better by asking again; network blips and 5xx might.
        retry: (failures, error) =>
          failures < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
    },
  });
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createAppRouter(queryClient));

  // Session expired (or signed out in another tab): go to the sign-in page and come back after.
  useEffect(
    () =>
      onUnauthorized(() => {
        setCsrfToken(null);
        queryClient.setQueryData(sessionQueryKey, null);
        const { pathname, href } = router.state.location;
        if (pathname !== '/login') {
          void router.navigate({ to: '/login', search: { redirect: href } });
        }
      }),
    [queryClient, router],
  );

  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider
        theme={theme}
        cssVariablesResolver={cssVariablesResolver}
        defaultColorScheme="auto"
      >
        {/* Bottom right: record pages keep their actions at the top right, where a toast
            confirming one step would cover the button for the next. */}
        <Notifications position="bottom-right" />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
