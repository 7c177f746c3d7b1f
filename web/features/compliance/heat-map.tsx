import { Stack, Text } from '@mantine/core';
import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './heat-map.module.css';
import { bandRange, SCORE_BANDS, scoreBand } from './scale';

// The clause heat map: one row per clause 4 to 10, its requirements as cells coloured by score.
// Every cell prints its value as well as its colour, and its accessible name says the clause,
// the value and what it means. The map is one stop in the Tab order: the arrow keys move between
// requirements (up and down jump between clauses), Enter or Space opens the one in focus.

export interface HeatMapCell {
  number: string;
  title: string;
  /** 0–100, or null when the requirement has no score yet. */
  score: number | null;
  /** The value as printed in the cell, e.g. "50%" or "—". */
  scoreText: string;
  /** What the value means, read after it, e.g. "partially conforming, maturity 2 of target 3". */
  description?: string;
}

export interface HeatMapClause extends HeatMapCell {
  requirements: HeatMapCell[];
}

interface ClauseHeatMapProps {
  /** Accessible name of the map, e.g. "Clause heat map of the baseline assessment". */
  label: string;
  clauses: HeatMapClause[];
  selected?: string | null;
  onSelect?: (number: string) => void;
}

export function ClauseHeatMap({ label, clauses, selected, onSelect }: ClauseHeatMapProps) {
  const { t } = useTranslation();
  const hintId = useId();
  const rows = clauses.map((clause) => clause.requirements);
  const flat = rows.flat();
  const [active, setActive] = useState<string | null>(null);
  const current = active ?? selected ?? flat[0]?.number ?? null;
  const refs = useRef(new Map<string, HTMLButtonElement>());

  const focus = (number: string | undefined) => {
    if (!number) return;
    setActive(number);
    refs.current.get(number)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, row: number, column: number) => {
    const index = flat.findIndex((cell) => cell.number === rows[row]?.[column]?.number);
    const jump = (delta: number) => {
      const target = rows[row + delta];
      if (!target || target.length === 0) return undefined;
      return target[Math.min(column, target.length - 1)]?.number;
    };
    const target = (): string | undefined | null => {
      switch (event.key) {
        case 'ArrowRight':
          return flat[index + 1]?.number;
        case 'ArrowLeft':
          return flat[index - 1]?.number;
        case 'ArrowDown':
          return jump(1);
        case 'ArrowUp':
          return jump(-1);
        case 'Home':
          return flat[0]?.number;
        case 'End':
          return flat[flat.length - 1]?.number;
        default:
          return null;
      }
    };
    const move = target();
    if (move === null) return;
    event.preventDefault();
    focus(move);
  };

  return (
    <Stack gap="xs">
      <section aria-label={label} aria-describedby={hintId} className={classes.map}>
        {clauses.map((clause, row) => (
          <div key={clause.number} className={classes.clause}>
            <div className={`${classes.head} ${classes.band}`} data-band={scoreBand(clause.score)}>
              <Text span fw={650} size="sm">
                {clause.number} {clause.title}
              </Text>
              <Text span size="sm" className={classes.value}>
                {clause.scoreText}
                {clause.description ? ` · ${clause.description}` : ''}
              </Text>
            </div>
            <ul
              className={classes.cells}
              aria-label={t('compliance.heatMap.clauseRequirements', {
                number: clause.number,
                title: clause.title,
              })}
            >
              {clause.requirements.map((cell, column) => (
                <li key={cell.number}>
                  <button
                    type="button"
                    ref={(element) => {
                      if (element) refs.current.set(cell.number, element);
                      else refs.current.delete(cell.number);
                    }}
                    className={`${classes.cell} ${classes.band}`}
                    data-band={scoreBand(cell.score)}
                    data-selected={cell.number === selected || undefined}
                    aria-current={cell.number === selected ? 'true' : undefined}
                    tabIndex={cell.number === current ? 0 : -1}
                    title={`${cell.number} ${cell.title}`}
                    aria-label={t('compliance.heatMap.cell', {
                      number: cell.number,
                      title: cell.title,
                      value: cell.scoreText,
                      description: cell.description ?? '',
                    })}
                    onFocus={() => setActive(cell.number)}
                    onKeyDown={(event) => onKeyDown(event, row, column)}
                    onClick={() => onSelect?.(cell.number)}
                  >
                    <span className={classes.number}>{cell.number}</span>
                    <span className={classes.value}>{cell.scoreText}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      <Text id={hintId} size="xs" c="dimmed">
        {t('compliance.heatMap.keyboardHint')}
      </Text>
      <ScoreLegend />
    </Stack>
  );
}

/** What each colour stands for, in words and ranges. */
export function ScoreLegend() {
  const { t } = useTranslation();
  return (
    <ul className={classes.legend} aria-label={t('compliance.heatMap.legend')}>
      {SCORE_BANDS.map(({ band }) => {
        const { from, to } = bandRange(band);
        return (
          <li key={band} className={classes.band} data-band={band}>
            {t(`compliance.bands.${band}`)} ({from}–{to})
          </li>
        );
      })}
      <li className={classes.band} data-band="none">
        {t('compliance.bands.none')}
      </li>
    </ul>
  );
}

/** A score as a small coloured chip with its value, for tables and the comparison. */
export function ScoreChip({ score, text }: { score: number | null; text: string }) {
  return (
    <span
      className={`${classes.band} ${classes.head}`}
      data-band={scoreBand(score)}
      style={{ padding: '1px 6px', display: 'inline-block', fontVariantNumeric: 'tabular-nums' }}
    >
      {text}
    </span>
  );
}
