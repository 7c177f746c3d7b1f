import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors.js';
import {
  type DeckMilestone,
  deckFileName,
  deckLanguage,
  deckPeriod,
  lastFullQuarter,
  MAX_MILESTONES,
  roadmapOf,
} from './strategy-deck.js';
import { formatFigure, pagesOf } from './strategy-deck-pptx.js';

const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return JSON.stringify(error.details);
    throw error;
  }
  return 'no error';
};

describe('the period of the deck', () => {
  it('defaults to the last full quarter, across a year end too', () => {
    expect(lastFullQuarter(new Date('2026-03-02T09:00:00Z'))).toEqual({
      from: '2025-10-01',
      to: '2025-12-31',
    });
    expect(lastFullQuarter(new Date('2026-09-30T23:59:59Z'))).toEqual({
      from: '2026-04-01',
      to: '2026-06-30',
    });
    expect(deckPeriod({}, new Date('2026-11-27T08:00:00Z'))).toEqual({
      from: '2026-07-01',
      to: '2026-09-30',
    });
  });

  it('takes both ends or neither, naming the field that is wrong', () => {
    const now = new Date('2026-03-02T09:00:00Z');
    expect(fieldOf(() => deckPeriod({ to: '2026-03-31' }, now))).toContain('/from');
    expect(fieldOf(() => deckPeriod({ from: '2026-01-01' }, now))).toContain('/to');
    expect(fieldOf(() => deckPeriod({ from: '2026-02-29', to: '2026-03-31' }, now))).toContain(
      '/from',
    );
    expect(deckFileName({ from: '2026-01-01', to: '2026-03-31' })).toBe(
      'service-management-strategy-framework-2026-01-01-2026-03-31.pptx',
    );
  });
});

describe('the language of the deck', () => {
  it('prefers the explicit choice, then Accept-Language, then the user, then English', () => {
    expect(deckLanguage('en', ['fr'], 'fr')).toBe('en');
    expect(deckLanguage(undefined, ['de', 'fr', 'en'], 'en')).toBe('fr');
    expect(deckLanguage(undefined, ['de'], 'fr')).toBe('fr');
    expect(deckLanguage(undefined, [], 'it')).toBe('en');
  });
});

describe('figures', () => {
  it('writes one decimal, with French decimal commas', () => {
    expect(formatFigure(92.5, 'percent', 'en')).toBe('92.5%');
    expect(formatFigure(92.5, 'percent', 'fr')).toBe('92,5\u202f%');
    expect(formatFigure(4, 'hours', 'en')).toBe('4.0 h');
    expect(formatFigure(12, 'count', 'en')).toBe('12');
    expect(formatFigure(null, 'index', 'fr')).toBe('pas de données');
  });
});

describe('the roadmap', () => {
  const item = (date: string, done: boolean, reference: string): DeckMilestone => ({
    date,
    until: null,
    source: 'improvement',
    reference,
    title: reference,
    ownerName: null,
    status: done ? 'closed' : 'approved',
    done,
  });

  it('orders items by date and drops the completed ones first when there are too many', () => {
    const items = Array.from({ length: MAX_MILESTONES + 5 }, (_, i) =>
      item(`2026-${String((i % 12) + 1).padStart(2, '0')}-10`, i < 10, `IMP${1000 + i}`),
    );
    const { kept, omitted } = roadmapOf(items);
    expect(kept).toHaveLength(MAX_MILESTONES);
    expect(omitted).toBe(5);
    expect(kept.filter((m) => m.done)).toHaveLength(5);
    expect(kept.map((m) => m.date)).toEqual([...kept.map((m) => m.date)].sort());
  });
});

describe('long tables', () => {
  it('continue on further slides, never splitting a row', () => {
    const header = [{ text: 'Item' }];
    const rows = Array.from({ length: 40 }, (_, i) => [{ text: `Row ${i}` }]);
    const pages = pagesOf(header, rows, [9]);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flat()).toHaveLength(40);
    // A row of long text takes more room: fewer of them fit on a slide.
    const long = rows.map(([cell]) => [{ text: `${cell?.text} ${'x'.repeat(300)}` }]);
    expect(pagesOf(header, long, [9]).length).toBeGreaterThan(pages.length);
  });
});
