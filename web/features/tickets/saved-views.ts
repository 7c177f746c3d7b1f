import { useLocalStorage } from '@mantine/hooks';
import { useSession } from '../auth/session';
import type { DeskSearch } from './search';

// Saved views of the queues: a name for a queue with its filters and sort. They live in this
// browser's localStorage, one list per signed-in user (docs/user-guide.md says so); a server-side
// store shared between devices can replace this without changing the screens.

export interface SavedView {
  id: string;
  name: string;
  search: DeskSearch;
}

const MAX_VIEWS = 30;

export function useSavedViews() {
  const { user } = useSession();
  const [views, setViews] = useLocalStorage<SavedView[]>({
    key: `meridian.desk.views.${user.id}`,
    defaultValue: [],
    getInitialValueInEffect: false,
  });
  const list = Array.isArray(views) ? views : [];
  return {
    views: list,
    save(name: string, search: DeskSearch): SavedView {
      const view: SavedView = {
        id: `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
        name,
        search: { ...search, q: undefined },
      };
      // Saving under an existing name replaces that view.
      setViews((current) =>
        [...(current ?? []).filter((v) => v.name !== name), view].slice(-MAX_VIEWS),
      );
      return view;
    },
    remove(id: string) {
      setViews((current) => (current ?? []).filter((view) => view.id !== id));
    },
  };
}
