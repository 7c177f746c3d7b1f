// How ServiceNow's incident fields map onto Meridian (documented in docs/imports.md).
import type { ImportedEvent } from '../core/contract.js';

/** incident_state → Meridian status (and hold reason). -100 and unknown states map to null. */
export const STATE_MAP: Record<string, { status: string; holdReason?: string }> = {
  New: { status: 'new' },
  Active: { status: 'in_progress' },
  'Awaiting User Info': { status: 'on_hold', holdReason: 'awaiting_requester' },
  'Awaiting Evidence': { status: 'on_hold', holdReason: 'awaiting_requester' },
  'Awaiting Vendor': { status: 'on_hold', holdReason: 'awaiting_supplier' },
  'Awaiting Problem': { status: 'on_hold', holdReason: 'awaiting_change' },
  Resolved: { status: 'resolved' },
  Closed: { status: 'closed' },
};

/** "1 - Critical" → P1 … "4 - Low" → P4; "1 - High" → 1 for impact and urgency. */
export function leadingNumber(value: string): number | null {
  const m = /^\s*(\d)\b/.exec(value);
  return m ? Number(m[1]) : null;
}

const DONE = new Set(['resolved', 'closed']);

/** The kind of history event a move between two Meridian statuses is. */
export function transitionKind(from: string | null, to: string): ImportedEvent['kind'] {
  if (from === null) return 'opened';
  if (DONE.has(from) && !DONE.has(to)) return 'reopened';
  if (to === 'resolved') return 'resolved';
  if (to === 'closed') return 'closed';
  if (to === 'on_hold') return 'on-hold';
  if (from === 'on_hold') return 'resumed';
  if (from === 'new' && (to === 'in_progress' || to === 'assigned')) return 'assigned';
  return 'updated';
}
