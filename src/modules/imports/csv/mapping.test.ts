import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../../shared/errors.js';
import { compileMapping } from './mapping.js';
import { rowToTicket } from './to-ticket.js';

const columns = ['Ticket', 'Betreff', 'Priorität', 'Erstellt', 'Gelöst', 'Team'];
const mapping = {
  source: 'legacy',
  sourceKey: 'Ticket',
  dateFormat: 'dd/MM/yyyy HH:mm',
  timeZone: 'Europe/Berlin',
  fields: {
    title: 'Betreff',
    priority: { column: 'Priorität', values: { Hoch: 'P1', Mittel: 'P3' } },
    createdAt: 'Erstellt',
    resolvedAt: 'Gelöst',
    group: 'Team',
    category: { constant: 'Hardware' },
  },
};

const errorsOf = (raw: unknown, cols = columns) => {
  try {
    compileMapping(raw, 'incidents', cols, '/mapping');
    return [];
  } catch (error) {
    return (error as DomainError).details.errors?.map((e) => `${e.field} ${e.message}`) ?? [];
  }
};

describe('column mappings', () => {
  it('maps a row to a ticket with translated values, constants and zoned dates', () => {
    const compiled = compileMapping(mapping, 'incidents', columns);
    const ticket = rowToTicket(
      {
        row: 2,
        cells: ['T-1', 'Drucker kaputt', 'Hoch', '02/03/2026 08:00', '02/03/2026 10:30', 'Support'],
      },
      compiled,
    );
    expect(ticket).toMatchObject({
      kind: 'ticket',
      sourceKey: 'legacy:T-1',
      sourceNumber: 'T-1',
      type: 'incident',
      title: 'Drucker kaputt',
      priority: 'P1',
      category: 'Hardware',
      group: 'Support',
      status: 'resolved',
      createdAt: '2026-03-02T07:00:00.000Z',
      resolvedAt: '2026-03-02T09:30:00.000Z',
      rows: { first: 2, last: 2 },
    });
  });

  it('gives every problem of a row with its row number and source column', () => {
    const compiled = compileMapping(mapping, 'incidents', columns);
    const errors = rowToTicket(
      { row: 7, cells: ['T-2', '', 'Sehr hoch', '31/02/2026 08:00', null, null] },
      compiled,
    );
    expect(errors).toEqual([
      {
        kind: 'row-error',
        row: 7,
        column: 'Betreff',
        reason: 'title is required but the cell is empty',
      },
      {
        kind: 'row-error',
        row: 7,
        column: 'Erstellt',
        reason: '"31/02/2026 08:00" is not a valid date',
      },
      expect.objectContaining({
        row: 7,
        column: 'Priorität',
        reason: expect.stringMatching(/"Sehr hoch" is not a priority/),
      }),
    ]);
  });

  it('names each bad key of a mapping by its path', () => {
    expect(
      errorsOf({
        sourceKey: 'Nummer',
        colour: 'blue',
        timeZone: 'Europe/Nowhere',
        fields: {
          title: 'Subject',
          createdAt: { column: 'Erstellt', format: 'dd/MM/yyyy hh' },
          colour: 'x',
        },
      }),
    ).toEqual([
      '/mapping/colour is not a mapping key (expected type, source, sourceKey, dateFormat, timeZone, fields)',
      '/mapping/timeZone "Europe/Nowhere" is not an IANA time zone (e.g. Europe/Paris)',
      expect.stringMatching(/^\/mapping\/sourceKey "Nummer" is not a column of the file/),
      expect.stringMatching(
        /^\/mapping\/fields\/title\/column "Subject" is not a column of the file/,
      ),
      expect.stringMatching(
        /^\/mapping\/fields\/createdAt\/format "h" is not a date pattern letter/,
      ),
      expect.stringMatching(/^\/mapping\/fields\/colour is not a field of incidents/),
    ]);
    expect(errorsOf({ sourceKey: 'Ticket', fields: { title: 'Betreff' } })).toEqual([
      '/mapping/fields/createdAt is required',
    ]);
  });

  it('says in its message which key is wrong', () => {
    expect(() => compileMapping({ fields: {} }, 'users', ['Mail'])).toThrow(
      /The mapping is not valid: \/fields\/email is required \(and 1 more\)/,
    );
  });
});
