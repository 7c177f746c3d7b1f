import { describe, expect, it } from 'vitest';
import { checkNoCycle } from './roadmap.js';
import { band, compareScores, score, scoresOf } from './scores.js';

const item = (
  number: string,
  conformity: Parameters<typeof score>[0][number]['conformity'],
  maturity: number,
) => ({
  number,
  title: number,
  clause: number.split('.')[0] as string,
  conformity,
  maturity,
  targetMaturity: 3,
});

describe('scoring method', () => {
  it('counts partial conformity half and averages maturity over every leaf', () => {
    const s = score([
      item('4.1', 'conforming', 4),
      item('4.2', 'partially_conforming', 2),
      item('4.3', 'nonconforming', 1),
      item('4.4', 'not_assessed', 0),
    ]);
    expect(s).toMatchObject({
      conformity: 0.375,
      maturity: 1.75,
      targetMaturity: 3,
      leafCount: 4,
      gaps: 3,
    });
    expect(score([])).toMatchObject({ conformity: 0, maturity: 0, leafCount: 0 });
  });

  it('rolls up overall over leaves (not over clause averages), bands the heat map, and compares', () => {
    const titles = new Map([
      ['4', 'Context'],
      ['5', 'Leadership'],
    ]);
    const before = scoresOf(
      [
        item('4.1', 'nonconforming', 1),
        item('5.1', 'conforming', 3),
        item('5.2', 'conforming', 3),
        item('5.3', 'conforming', 3),
      ],
      titles,
    );
    expect(before.overall.conformity).toBe(0.75);
    expect(before.clauses.map((c) => c.conformity)).toEqual([0, 1]);
    expect(before.heatMap.map((h) => h.band)).toEqual(['red', 'green']);
    expect([band(0.49), band(0.5), band(0.79), band(0.8)]).toEqual([
      'red',
      'amber',
      'amber',
      'green',
    ]);
    const after = scoresOf(
      [
        item('4.1', 'partially_conforming', 2),
        item('5.1', 'conforming', 3),
        item('5.2', 'conforming', 3),
        item('5.3', 'conforming', 3),
      ],
      titles,
    );
    expect(compareScores(before, after).clauses[0]).toMatchObject({
      clause: '4',
      delta: { conformity: 0.5, maturity: 1 },
    });
  });
});

describe('roadmap dependencies', () => {
  const edges = [
    { task_id: 'b', depends_on_id: 'a' },
    { task_id: 'c', depends_on_id: 'b' },
  ];
  it('accepts a chain and refuses a cycle or a self-dependency', () => {
    expect(() => checkNoCycle(edges, 'd', ['c'])).not.toThrow();
    expect(() => checkNoCycle(edges, 'a', ['c'])).toThrow(/cycle/);
    expect(() => checkNoCycle(edges, 'a', ['a'])).toThrow(/itself/);
    // Replacing a task's own edges is not a cycle with its old ones.
    expect(() => checkNoCycle(edges, 'b', [])).not.toThrow();
  });
});
