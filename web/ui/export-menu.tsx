import { Button, Menu } from '@mantine/core';
import {
  IconChevronDown,
  IconDownload,
  IconFileSpreadsheet,
  IconFileText,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

// The "Export" menu of a list screen: CSV or XLSX of every row the list's current filters
// select, not just the loaded pages. The file comes from GET <list>/export.csv|.xlsx, which
// takes the list's own filters and checks (docs/api.md, "Exporting lists"); a plain link is
// enough, the browser sends the session cookie and saves the download.

export type ExportFilterValue = string | number | boolean | null | undefined;

export type ExportFilters = Record<string, ExportFilterValue | readonly ExportFilterValue[]>;

/**
 * The export's URL for a list path (e.g. "/tickets") and its filters. Empty filters are left out;
 * a list filter is repeated (`status=new&status=assigned`), as the API reads it; paging is the
 * export's own business.
 */
export function exportUrl(path: string, format: 'csv' | 'xlsx', filters: ExportFilters = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (key === 'limit' || key === 'cursor') continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one === undefined || one === null || one === '') continue;
      params.append(key, String(one));
    }
  }
  const search = params.toString();
  return `/api/v1${path}/export.${format}${search ? `?${search}` : ''}`;
}

interface ExportMenuProps {
  /** The list's API path without /api/v1, e.g. "/tickets". */
  path: string;
  /** The filters the list screen sends to that path now. */
  filters?: ExportFilters;
}

export function ExportMenu({ path, filters }: ExportMenuProps) {
  const { t } = useTranslation();
  return (
    // No initial-focus placeholder: a focusable element that is not a menu item inside
    // role="menu" breaks the ARIA menu pattern (axe: aria-required-children). The arrow keys
    // still move between the items and Escape closes the menu.
    <Menu position="bottom-end" shadow="md" withinPortal withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          title={t('export.hint')}
        >
          {t('export.open')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown aria-label={t('export.label')}>
        <Menu.Item
          component="a"
          href={exportUrl(path, 'csv', filters)}
          download
          leftSection={<IconFileText size={14} aria-hidden />}
        >
          {t('export.csv')}
        </Menu.Item>
        <Menu.Item
          component="a"
          href={exportUrl(path, 'xlsx', filters)}
          download
          leftSection={<IconFileSpreadsheet size={14} aria-hidden />}
        >
          {t('export.xlsx')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
