import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../shared/export/file.js';
import { cellOf, columnsOf, headerOf } from './list-export.js';
import { Nullable, Timestamp } from './schemas.js';

describe('list export columns', () => {
  const Item = Type.Object({
    id: Type.String(),
    requesterName: Type.String(),
    incidentCount: Type.Integer(),
    majorIncident: Type.Boolean(),
    serviceIds: Type.Array(Type.String()),
    sla: Nullable(
      Type.Object({ dueAt: Nullable(Timestamp), remainingMinutes: Nullable(Type.Number()) }),
    ),
    version: Type.Integer(),
  });

  it('flattens nested objects into readable headers and leaves out what it is told to', () => {
    const columns = columnsOf(Item, { omit: ['version'], headers: { id: 'Key' } });
    expect(columns.map((c) => c.header)).toEqual([
      'Key',
      'Requester name',
      'Incident count',
      'Major incident',
      'Service IDs',
      'SLA due at',
      'SLA remaining minutes',
    ]);
  });

  it('writes values as cells: ISO dates, true/false, lists joined, a null object as empty cells', () => {
    const columns = columnsOf(Item, { omit: ['version'] });
    const row = (item: unknown) => columns.map((c) => c.value(item));
    expect(
      row({
        id: 'a',
        requesterName: 'Zoé',
        incidentCount: '3', // PostgreSQL counts can arrive as text
        majorIncident: false,
        serviceIds: ['s1', 's2'],
        sla: { dueAt: new Date('2026-03-02T09:00:00Z'), remainingMinutes: -12.5 },
      }),
    ).toEqual(['a', 'Zoé', 3, 'false', 's1; s2', '2026-03-02T09:00:00.000Z', -12.5]);
    expect(row({ id: 'b', sla: null })).toEqual(['b', null, null, null, null, null, null]);
  });

  it('names a linked record in a list by its number or name', () => {
    expect(
      cellOf([
        { id: 'x', number: 'PRB0000001' },
        { id: 'y', name: 'Tills' },
      ]),
    ).toBe('PRB0000001; Tills');
    expect(cellOf({ a: 1 })).toBe('{"a":1}');
  });

  it('reads headers from camel case and keeps acronyms', () => {
    expect(headerOf(['sla', 'dueAt'])).toBe('SLA due at');
    expect(headerOf(['ownerGroupId'])).toBe('Owner group ID');
  });

  it('makes file names safe for a Content-Disposition header', () => {
    expect(safeFileName('tickets-2026-03-02')).toBe('tickets-2026-03-02');
    expect(safeFileName('Équipe "Paris"/étage 2')).toBe('Equipe-Paris-etage-2');
    expect(safeFileName('"";')).toBe('export');
  });
});
