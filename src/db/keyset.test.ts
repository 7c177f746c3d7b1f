import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, toPage } from './keyset.js';

describe('keyset pages', () => {
  it('round-trips cursors and refuses forged ones', () => {
    expect(decodeCursor(encodeCursor(['Boutique', 'id-1']))).toEqual(['Boutique', 'id-1']);
    expect(decodeCursor(undefined)).toBeNull();
    expect(() => decodeCursor('not-a-cursor')).toThrow(/cursor/);
    expect(() => decodeCursor(Buffer.from('{"a":1}').toString('base64url'))).toThrow(/cursor/);
  });

  it('trims the look-ahead row and points the cursor at the last row kept', () => {
    const rows = [1, 2, 3].map((n) => ({ name: `n${n}`, id: `${n}` }));
    const page = toPage(
      rows,
      2,
      (r) => [r.name, r.id],
      (r) => r.name,
    );
    expect(page.items).toEqual(['n1', 'n2']);
    expect(decodeCursor(page.nextCursor ?? undefined)).toEqual(['n2', '2']);
    expect(
      toPage(
        rows,
        3,
        (r) => [r.name, r.id],
        (r) => r.name,
      ).nextCursor,
    ).toBeNull();
  });
});
