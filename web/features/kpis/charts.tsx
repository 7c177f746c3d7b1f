import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Small inline SVG charts: a sparkline for a tile and bars for a trend. No chart library: a KPI
// has a handful to a few dozen points. Each chart has an accessible name that says the trend in
// words, so nobody has to read the shape.

export interface ChartPoint {
  label: string;
  value: number | null;
}

type Trend = 'rising' | 'falling' | 'steady' | 'none';

function trendOf(points: ChartPoint[]): Trend {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const first = values[0];
  const last = values[values.length - 1];
  if (first === undefined || last === undefined || values.length < 2) return 'none';
  const scale = Math.max(Math.abs(first), Math.abs(last), 1);
  if (Math.abs(last - first) / scale < 0.02) return 'steady';
  return last > first ? 'rising' : 'falling';
}

interface SparklineProps {
  points: ChartPoint[];
  name: string;
  format: (value: number | null) => string;
  colour: string;
  width?: number;
  height?: number;
}

export function Sparkline({
  points,
  name,
  format,
  colour,
  width = 160,
  height = 36,
}: SparklineProps) {
  const { t } = useTranslation();
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const trend = trendOf(points);
  const first = values[0] ?? null;
  const last = values[values.length - 1] ?? null;
  const label =
    trend === 'none'
      ? t('kpis.chart.noTrend', { name })
      : t(`kpis.chart.trend.${trend}`, { name, first: format(first), last: format(last) });
  // Scaled to its own range: a sparkline shows the shape of the trend, not the magnitude.
  const min = Math.min(...values);
  const max = Math.max(...values);
  const step = points.length > 1 ? (width - 4) / (points.length - 1) : 0;
  const y = (v: number) => height - 2 - ((v - min) / (max - min || 1)) * (height - 4);
  const segments: string[] = [];
  let current: string[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${(2 + i * step).toFixed(1)},${y(p.value).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));
  return (
    <svg
      width={width}
      height={height}
      role="img"
      aria-label={label}
      viewBox={`0 0 ${width} ${height}`}
    >
      <title>{label}</title>
      {segments.map((segment) => (
        <polyline
          key={segment}
          points={segment}
          fill="none"
          stroke={colour}
          strokeWidth={2}
          strokeLinejoin="round"
          strokeLinecap="round"
        />
      ))}
    </svg>
  );
}

interface TrendBarsProps {
  points: ChartPoint[];
  name: string;
  format: (value: number | null) => string;
  target?: number | null;
  height?: number;
}

/** Bars per period with the target as a dashed line. */
export function TrendBars({ points, name, format, target = null, height = 140 }: TrendBarsProps) {
  const { t } = useTranslation();
  const values = points.map((p) => p.value ?? 0);
  const max = Math.max(...values, target ?? 0, 1);
  const barWidth = 28;
  const gap = 10;
  const top = 16;
  const bottom = 20;
  const width = Math.max(points.length * (barWidth + gap) + gap, 120);
  const plot = height - top - bottom;
  const y = (v: number) => top + plot - (v / max) * plot;
  const description = points.map((p) => `${p.label}: ${format(p.value)}`).join(', ');
  const label = t('kpis.chart.bars', { name, points: description || '—' });
  if (points.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('kpis.chart.empty')}
      </Text>
    );
  return (
    <div style={{ overflowX: 'auto' }}>
      <svg
        width={width}
        height={height}
        role="img"
        aria-label={label}
        viewBox={`0 0 ${width} ${height}`}
      >
        <title>{label}</title>
        {points.map((p, i) => {
          const x = gap + i * (barWidth + gap);
          const v = p.value ?? 0;
          return (
            <g key={p.label}>
              {p.value !== null && (
                <rect
                  x={x}
                  y={y(v)}
                  width={barWidth}
                  height={Math.max(top + plot - y(v), 1)}
                  fill="var(--mantine-color-blue-6)"
                  rx={2}
                />
              )}
              <text
                x={x + barWidth / 2}
                y={height - 6}
                textAnchor="middle"
                fontSize={9}
                fill="var(--mantine-color-dimmed)"
              >
                {p.label.length > 7 ? p.label.slice(-3) : p.label.slice(-2)}
              </text>
            </g>
          );
        })}
        {target !== null && (
          <line
            x1={0}
            x2={width}
            y1={y(target)}
            y2={y(target)}
            stroke="var(--mantine-color-red-7)"
            strokeDasharray="4 3"
            strokeWidth={1.5}
          />
        )}
      </svg>
    </div>
  );
}
