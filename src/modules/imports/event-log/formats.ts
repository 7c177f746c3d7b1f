// The two process-mining logs Meridian reads and how their statuses, activities and support
// levels map onto its lifecycle (the tables in docs/imports.md say the same).
import type { ImportedEvent, ImportedTicket } from '../core/contract.js';

export const EVENT_LOG_FORMATS = ['bpic2013', 'helpdesk'] as const;
export type EventLogFormat = (typeof EVENT_LOG_FORMATS)[number];
export const isEventLogFormat = (v: string): v is EventLogFormat =>
  (EVENT_LOG_FORMATS as readonly string[]).includes(v);

/** One event as a format reads it from a row. */
export interface LogEvent {
  caseId: string;
  /** ISO instant, or the raw text when it is not a date (the reader reports it). */
  at: string;
  atColumn: string;
  /** Meridian status after the event; null: the event does not move the ticket. */
  status: string | null;
  holdReason?: string;
  kind?: ImportedEvent['kind'];
  resolutionCode?: string;
  group: string | null;
  assignee: string | null;
  sourceStatus: string;
}

export interface LogFormat {
  label: string;
  columns: string[];
  event(get: (column: string) => string): LogEvent;
  /** What the last event of a case says about the ticket as a whole. */
  describe(
    caseId: string,
    get: (column: string) => string,
  ): Pick<ImportedTicket, 'title' | 'description' | 'impact' | 'urgency' | 'priority'>;
}

const iso = (text: string) => {
  const ms = Date.parse(text.trim().replace(' ', 'T'));
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
};
const value = (v: string) => (v && v !== '?' ? v.trim() : null);

/** BPIC 2013 (Volvo IT): Status / Sub Status → Meridian status. */
export const BPIC_STATUS: Record<
  string,
  { status: string | null; holdReason?: string; resolutionCode?: string }
> = {
  'Queued/Awaiting Assignment': { status: 'assigned' },
  'Accepted/Assigned': { status: 'in_progress' },
  'Accepted/In Progress': { status: 'in_progress' },
  'Accepted/Wait': { status: 'on_hold', holdReason: 'awaiting_requester' },
  'Accepted/Wait - User': { status: 'on_hold', holdReason: 'awaiting_requester' },
  'Accepted/Wait - Customer': { status: 'on_hold', holdReason: 'awaiting_requester' },
  'Accepted/Wait - Vendor': { status: 'on_hold', holdReason: 'awaiting_supplier' },
  'Accepted/Wait - Implementation': { status: 'on_hold', holdReason: 'awaiting_change' },
  'Completed/In Call': { status: 'resolved', resolutionCode: 'solved' },
  'Completed/Resolved': { status: 'resolved', resolutionCode: 'solved' },
  'Completed/Closed': { status: 'closed' },
  'Completed/Cancelled': { status: 'closed', resolutionCode: 'cancelled' },
  'Unmatched/Unmatched': { status: null },
};

/** BPIC 2013 impact → Meridian impact, urgency and priority. */
export const BPIC_IMPACT: Record<
  string,
  { impact: 1 | 2 | 3; urgency: 1 | 2 | 3; priority: string }
> = {
  Major: { impact: 1, urgency: 1, priority: 'P1' },
  High: { impact: 1, urgency: 2, priority: 'P2' },
  Medium: { impact: 2, urgency: 2, priority: 'P3' },
  Low: { impact: 3, urgency: 3, priority: 'P4' },
};

const bpic2013: LogFormat = {
  label: 'BPIC 2013',
  columns: [
    'SR Number',
    'Change Date+Time',
    'Status',
    'Sub Status',
    'Involved ST',
    'ST Level',
    'SR Latest Impact',
    'Product',
    'Country',
    'Resource',
  ],
  event(get) {
    const state = `${get('Status').trim()}/${get('Sub Status').trim()}`;
    const mapped = BPIC_STATUS[state];
    const level = value(get('ST Level'));
    return {
      caseId: get('SR Number').trim(),
      at: iso(get('Change Date+Time')),
      atColumn: 'Change Date+Time',
      status: mapped ? mapped.status : null,
      holdReason: mapped?.holdReason,
      resolutionCode: mapped?.resolutionCode,
      // The support team is the group; its level (L1–L3) stays in the source status.
      group: value(get('Involved ST')),
      // Only someone working the ticket is its assignee (closing is done by the Siebel system).
      assignee:
        mapped?.status === 'in_progress' || mapped?.status === 'resolved'
          ? value(get('Resource'))
          : null,
      sourceStatus: `${get('Status').trim()} / ${get('Sub Status').trim()}${level ? ` (${level})` : ''}`,
    };
  },
  describe(caseId, get) {
    const impact = BPIC_IMPACT[get('SR Latest Impact').trim()] ?? BPIC_IMPACT.Medium;
    const product = value(get('Product'));
    return {
      title: `Incident ${caseId}${product ? ` on ${product}` : ''}`,
      description: [
        `Imported from the BPI Challenge 2013 (Volvo IT) incident log, case ${caseId}.`,
        product && `Product: ${product}`,
        value(get('Country')) && `Country: ${value(get('Country'))}`,
        value(get('Involved Org line 3')) &&
          `Organisation line: ${value(get('Involved Org line 3'))}`,
      ]
        .filter(Boolean)
        .join('\n'),
      ...(impact as (typeof BPIC_IMPACT)[string]),
    };
  },
};

/** Help desk log: activity → Meridian status (and event kind when the status says too little). */
export const HELPDESK_ACTIVITY: Record<
  string,
  {
    status: string | null;
    kind?: ImportedEvent['kind'];
    holdReason?: string;
    resolutionCode?: string;
  }
> = {
  'Insert ticket': { status: 'new' },
  'Assign seriousness': { status: 'new', kind: 'updated' },
  'Take in charge ticket': { status: 'in_progress', kind: 'assigned' },
  'Require upgrade': { status: 'in_progress', kind: 'updated' },
  'Create SW anomaly': { status: 'in_progress', kind: 'updated' },
  'Resolve SW anomaly': { status: 'in_progress', kind: 'updated' },
  'Schedule intervention': { status: 'in_progress', kind: 'updated' },
  Wait: { status: 'on_hold', holdReason: 'awaiting_requester' },
  'Resolve ticket': { status: 'resolved', resolutionCode: 'solved' },
  RESOLVED: { status: 'resolved', resolutionCode: 'solved' },
  VERIFIED: { status: 'resolved', resolutionCode: 'solved' },
  Closed: { status: 'closed' },
  DUPLICATE: { status: 'closed', resolutionCode: 'duplicate' },
  INVALID: { status: 'closed', resolutionCode: 'cancelled' },
};

const helpdesk: LogFormat = {
  label: 'help desk',
  columns: ['case:concept:name', 'concept:name', 'time:timestamp', 'org:resource'],
  event(get) {
    const activity = get('concept:name').trim();
    const mapped = HELPDESK_ACTIVITY[activity];
    const resource = value(get('org:resource'));
    return {
      caseId: get('case:concept:name').trim(),
      at: iso(get('time:timestamp')),
      atColumn: 'time:timestamp',
      status: mapped ? mapped.status : null,
      kind: mapped?.kind,
      holdReason: mapped?.holdReason,
      resolutionCode: mapped?.resolutionCode,
      group: null,
      // The log names who did each step; whoever takes the ticket in charge works it.
      assignee: mapped?.status === 'in_progress' || mapped?.status === 'resolved' ? resource : null,
      sourceStatus: activity,
    };
  },
  describe(caseId, get) {
    const variant = value(get('case:variant'));
    return {
      title: `Help desk ticket ${caseId}`,
      description: [
        `Imported from the help desk event log, case ${caseId}.`,
        variant && `Process variant: ${variant}`,
      ]
        .filter(Boolean)
        .join('\n'),
      // The log records no seriousness values: every case is medium impact and urgency.
      impact: 2,
      urgency: 2,
      priority: null,
    };
  },
};

export const FORMATS: Record<EventLogFormat, LogFormat> = { bpic2013, helpdesk };
