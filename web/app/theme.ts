import { type CSSVariablesResolver, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 8 (light) and 7 (dark) keep white-on-primary and primary-on-white text above WCAG AA contrast.
  primaryShade: { light: 8, dark: 7 },
  autoContrast: true,
  // With Mantine's default (0.3), filled green and orange at shade 8 keep white text at about
  // 3:1; from 0.2 they get dark text (6:1) while indigo and red keep white text above 4.5:1.
  luminanceThreshold: 0.2,
  defaultRadius: 'sm',
  focusRing: 'auto',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
});

// Mantine's default "dimmed" grey is too light for small text on white (WCAG AA needs 4.5:1).
export const cssVariablesResolver: CSSVariablesResolver = (mantineTheme) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': mantineTheme.colors.gray[7] ?? '#495057',
  },
  dark: {
    '--mantine-color-dimmed': mantineTheme.colors.dark[1] ?? '#b8b8b8',
  },
});
