// Business calendars of the retailer's three support hubs and its SLA policies.
import type { CalendarSpec } from '../../modules/sla/calendar.js';
import type { Target } from '../../modules/sla/policy.js';
import type { Services } from '../../server/services.js';
import { systemActor } from '../../shared/actor.js';
import type { DemoWorkspace } from '../demo.js';

type Hours = [string, string][];
const weekdays = (hours: Hours, saturday: Hours = []) => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
  sat: saturday,
  sun: [] as Hours,
});

const CALENDARS: { handle: string; name: string; description: string; spec: CalendarSpec }[] = [
  {
    handle: 'paris',
    name: 'Paris support hours',
    description: 'Head office service desk; boutiques open on Saturdays',
    spec: {
      timeZone: 'Europe/Paris',
      week: weekdays(
        [
          ['09:00', '12:30'],
          ['13:30', '18:00'],
        ],
        [['10:00', '17:00']],
      ),
      holidays: [
        '2026-01-01',
        '2026-04-06',
        '2026-05-01',
        '2026-05-08',
        '2026-05-14',
        '2026-05-25',
        '2026-07-14',
        '2026-08-15',
        '2026-11-01',
        '2026-11-11',
        '2026-12-25',
        '2027-01-01',
      ],
      exceptions: [
        { date: '2026-12-24', hours: [['09:00', '12:00']] },
        { date: '2026-12-31', hours: [['09:00', '12:00']] },
      ],
    },
  },
  {
    handle: 'milan',
    name: 'Milan support hours',
    description: 'Boutique support for Italy',
    spec: {
      timeZone: 'Europe/Rome',
      week: weekdays(
        [
          ['09:00', '13:00'],
          ['14:00', '18:00'],
        ],
        [['10:00', '18:00']],
      ),
      holidays: [
        '2026-01-01',
        '2026-01-06',
        '2026-04-06',
        '2026-04-25',
        '2026-05-01',
        '2026-06-02',
        '2026-08-15',
        '2026-11-01',
        '2026-12-07',
        '2026-12-08',
        '2026-12-25',
        '2026-12-26',
      ],
      exceptions: [],
    },
  },
  {
    handle: 'london',
    name: 'London support hours',
    description: 'Boutique support for the United Kingdom',
    spec: {
      timeZone: 'Europe/London',
      week: weekdays([['08:30', '17:30']], [['10:00', '16:00']]),
      holidays: [
        '2026-01-01',
        '2026-04-03',
        '2026-04-06',
        '2026-05-04',
        '2026-05-25',
        '2026-08-31',
        '2026-12-25',
        '2026-12-28',
      ],
      exceptions: [],
    },
  },
  {
    handle: 'online',
    name: 'Online store (24/7)',
    description: 'The storefront and payments never close',
    spec: {
      timeZone: 'Europe/Paris',
      week: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]),
      ),
    },
  },
];

const minutes = (m: number): Target => ({ kind: 'minutes', minutes: m });

export async function seedServiceLevels(services: Services, workspace: DemoWorkspace) {
  const actor = systemActor('demo');
  const calendars: Record<string, string> = {};
  for (const c of CALENDARS) {
    const created = await services.calendars.create(actor, {
      name: c.name,
      description: c.description,
      spec: c.spec,
    });
    calendars[c.handle] = created.id;
  }
  workspace.calendars = calendars;
  const pauseOn = {
    first_response: [] as string[],
    resolution: ['on_hold_customer', 'on_hold_supplier'],
  };
  const stores = ['milan', 'london'] as const;
  let order = 10;
  for (const store of stores) {
    const organisation = workspace.organisations[store];
    if (!organisation) continue;
    await services.policies.create(actor, {
      name: `Boutiques ${store === 'milan' ? 'Italy' : 'United Kingdom'}`,
      order: order++,
      conditions: { organisations: [organisation.id] },
      calendarId: calendars[store] as string,
      targets: {
        first_response: { P1: minutes(15), P2: minutes(30), P3: minutes(120), P4: minutes(240) },
        resolution: {
          P1: minutes(240),
          P2: minutes(480),
          P3: { kind: 'business-days', days: 3 },
          P4: { kind: 'business-days', days: 5 },
        },
      },
      pauseOn,
    });
  }
  await services.policies.create(actor, {
    name: 'Major incidents (24/7)',
    order: 5,
    conditions: { ticketTypes: ['incident'], priorities: ['P1'] },
    calendarId: calendars.online as string,
    targets: { first_response: { P1: minutes(15) }, resolution: { P1: minutes(240) } },
    thresholds: [50, 75, 100],
    pauseOn: { first_response: [], resolution: [] },
  });
  await services.policies.create(actor, {
    name: 'Standard (Paris)',
    order: 1000,
    calendarId: calendars.paris as string,
    targets: {
      first_response: { P1: minutes(15), P2: minutes(30), P3: minutes(120), P4: minutes(480) },
      resolution: {
        P1: minutes(240),
        P2: minutes(480),
        P3: { kind: 'business-days', days: 3 },
        P4: { kind: 'end-of-next-business-day' },
      },
    },
    pauseOn,
  });
}
