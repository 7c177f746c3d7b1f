import { useEffect, useRef } from 'react';

// Single-key shortcuts (`/`, `j`, `k`, `?`) must never fire while someone is typing or while a
// dialog sits on top of the page, and never steal browser shortcuts that use a modifier.

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
  }
  return false;
}

export function isDialogOpen(): boolean {
  return document.querySelector('[role="dialog"]') !== null;
}

export function shortcutAllowed(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return false;
  if (isTypingTarget(event.target)) return false;
  return !isDialogOpen();
}

type Handler = (event: KeyboardEvent) => void;

/** Listens on the window for plain keys (`event.key` values) while `enabled`. */
export function useShortcuts(bindings: [key: string, handler: Handler][], enabled = true): void {
  const latest = useRef(bindings);
  latest.current = bindings;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const handler = latest.current.find(([key]) => key === event.key)?.[1];
      if (!handler || !shortcutAllowed(event)) return;
      handler(event);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}

/** The list search box marks itself with this attribute so `/` can find it. */
export const LIST_SEARCH_ATTRIBUTE = 'data-list-search';

export function focusListSearch(): boolean {
  const input = document.querySelector<HTMLInputElement>(`[${LIST_SEARCH_ATTRIBUTE}]`);
  if (!input) return false;
  input.focus();
  input.select();
  return true;
}
