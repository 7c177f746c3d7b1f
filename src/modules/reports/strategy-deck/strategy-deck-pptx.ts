// The strategy deck as a PowerPoint file (pptxgenjs), built in memory. One slide per subject; a
// table longer than a slide continues on the next ones, cut by an estimate of its wrapped lines
// so no row runs off the slide. Figures are written with one decimal, as the KPI API gives them.
import pptxgen from 'pptxgenjs';
import type { Status, Target, Unit } from '../../kpis/kpis.js';
import type { DeckLanguage, StrategyDeckData } from './strategy-deck.js';
import { DECK_TEXTS, type DeckTexts } from './strategy-deck-texts.js';

// The package's types describe a CommonJS module whose `default` is the class, while Node loads
// its ES build whose default export is the class itself: take whichever this runtime gives.
type PptxClass = typeof pptxgen.default;
const PptxGenJS: PptxClass =
  (pptxgen as unknown as { default?: PptxClass }).default ?? (pptxgen as unknown as PptxClass);
type TextOptions = pptxgen.default.TextPropsOptions;
type CellOptions = pptxgen.default.TableCellProps;
type Cell = pptxgen.default.TableCell;

const NAVY = '1B2A4A';
const GREY = '5F6B7A';
const LIGHT = 'EEF1F6';
const FONT = 'Arial';
const STATUS_COLOUR: Record<Status, string> = {
  'on-track': '2E7D4F',
  'at-risk': '8A5A00',
  'off-track': 'B3261E',
  unknown: GREY,
};

// 16:9, 10 × 5.625 inches.
const WIDTH = 10;
const MARGIN = 0.45;
const TABLE_TOP = 1.35;
const TABLE_BOTTOM = 5.05;
const TABLE_FONT = 10;
// At 10 pt Arial: about 15 characters an inch once cell margins are taken, 0.2 in a line.
const CHARS_PER_INCH = 15;
const LINE_HEIGHT = 0.2;
const ROW_PADDING = 0.1;

/** A figure as the deck writes it: "92.5%", "4.0 h", "71.3", "12"; French decimals with a comma. */
export function formatFigure(
  value: number | null,
  unit: Unit | string,
  language: DeckLanguage,
): string {
  if (value === null) return DECK_TEXTS[language].noData;
  const text = unit === 'count' ? String(value) : value.toFixed(1);
  const local = language === 'fr' ? text.replace('.', ',') : text;
  const space = language === 'fr' ? '\u202f' : '';
  if (unit === 'percent') return `${local}${space}%`;
  if (unit === 'hours') return `${local} h`;
  return local;
}

function signed(change: number, language: DeckLanguage): string {
  const sign = change > 0 ? '+' : change < 0 ? '\u2212' : '±';
  const digits = Math.abs(change).toFixed(1);
  return `${sign}${language === 'fr' ? digits.replace('.', ',') : digits}${language === 'fr' ? '\u202f' : ''}%`;
}

function targetText(
  t: DeckTexts,
  target: Target,
  direction: string,
  unit: Unit,
  lang: DeckLanguage,
) {
  const better = direction === 'lower-is-better' ? 'lower' : 'higher';
  return target.kind === 'relative'
    ? t.objectives.relative(signed(target.change, lang), better)
    : t.objectives.absolute(formatFigure(target.value, unit, lang), better);
}

const longDate = (t: DeckTexts, day: string) =>
  new Date(`${day}T00:00:00.000Z`).toLocaleDateString(t.locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

const shortDate = (t: DeckTexts, day: string) =>
  new Date(`${day}T00:00:00.000Z`).toLocaleDateString(t.locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

type Row = Cell[];

const cellText = (cell: Cell): string =>
  typeof cell.text === 'string' ? cell.text : (cell.text ?? []).map(cellText).join('');

/** Lines a row takes once its cells wrap in their columns. */
function rowLines(row: Row, colW: number[]): number {
  return Math.max(
    1,
    ...row.map((cell, i) => {
      const perLine = Math.max(4, Math.floor((colW[i] ?? 1) * CHARS_PER_INCH));
      return cellText(cell)
        .split('\n')
        .reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
    }),
  );
}

const rowHeight = (row: Row, colW: number[]) => rowLines(row, colW) * LINE_HEIGHT + ROW_PADDING;

/** Rows cut into slides, each under the table's height with the header repeated. */
export function pagesOf(header: Row, rows: Row[], colW: number[], reserve = 0): Row[][] {
  const room = TABLE_BOTTOM - reserve - TABLE_TOP - rowHeight(header, colW);
  const pages: Row[][] = [];
  let page: Row[] = [];
  let used = 0;
  for (const row of rows) {
    const h = rowHeight(row, colW);
    if (page.length && used + h > room) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(row);
    used += h;
  }
  if (page.length) pages.push(page);
  return pages;
}

export async function strategyDeckPptx(data: StrategyDeckData): Promise<Buffer> {
  const lang = data.language;
  const t = DECK_TEXTS[lang];
  const workspace = data.workspaceName ?? t.workspaceFallback;
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_16x9';
  pptx.title = `${t.deckTitle} — ${workspace}`;
  pptx.subject = t.period(data.period.from, data.period.to);
  pptx.author = 'Meridian';
  pptx.company = workspace;
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };
  pptx.defineSlideMaster({
    title: 'CONTENT',
    background: { color: 'FFFFFF' },
    objects: [
      { rect: { x: 0, y: 0, w: WIDTH, h: 0.12, fill: { color: NAVY } } },
      {
        text: {
          text: `${t.deckTitle} · ${workspace}`,
          options: { x: MARGIN, y: 5.2, w: 7, h: 0.3, fontSize: 8, color: GREY, fontFace: FONT },
        },
      },
    ],
    slideNumber: { x: 9.1, y: 5.2, w: 0.5, h: 0.3, fontSize: 8, color: GREY, fontFace: FONT },
  });

  /** The first few of a list, then how many more: a cell stays a few lines long. */
  const listed = (items: string[], max = 4) =>
    items.length <= max
      ? items.join(', ')
      : `${items.slice(0, max).join(', ')} ${t.more(items.length - max)}`;

  const text = (value: string, options: TextOptions = {}) => ({
    text: value,
    options: { fontFace: FONT, lang: t.locale, ...options },
  });

  function contentSlide(title: string, intro: string) {
    const slide = pptx.addSlide({ masterName: 'CONTENT' });
    slide.addText(title, {
      x: MARGIN,
      y: 0.3,
      w: WIDTH - 2 * MARGIN,
      h: 0.5,
      fontSize: 22,
      bold: true,
      color: NAVY,
      fontFace: FONT,
      lang: t.locale,
    });
    slide.addText(intro, {
      x: MARGIN,
      y: 0.8,
      w: WIDTH - 2 * MARGIN,
      h: 0.4,
      fontSize: 11,
      color: GREY,
      fontFace: FONT,
      lang: t.locale,
    });
    return slide;
  }

  const head = (labels: string[]): Row =>
    labels.map((label) => ({
      text: label,
      options: { bold: true, color: 'FFFFFF', fill: { color: NAVY } },
    }));
  const plain = (value: string, options: CellOptions = {}): Cell => ({
    text: value,
    options,
  });

  /** A table over as many slides as it needs; "None recorded." when it has no row. */
  function tableSlides(
    title: string,
    intro: string,
    header: Row,
    rows: Row[],
    colW: number[],
    footnote?: string,
  ) {
    if (!rows.length) {
      contentSlide(title, intro).addText(t.noneRecorded, {
        x: MARGIN,
        y: TABLE_TOP,
        w: WIDTH - 2 * MARGIN,
        h: 0.5,
        fontSize: 14,
        color: NAVY,
        fontFace: FONT,
        lang: t.locale,
      });
      return;
    }
    // Room under the last table for the footnote.
    const pages = pagesOf(header, rows, colW, footnote ? 0.3 : 0);
    pages.forEach((page, index) => {
      const slide = contentSlide(index === 0 ? title : `${title} ${t.continued}`, intro);
      slide.addTable([header, ...page], {
        x: MARGIN,
        y: TABLE_TOP,
        colW,
        fontFace: FONT,
        fontSize: TABLE_FONT,
        color: '1F1F1F',
        valign: 'middle',
        margin: 0.04,
        border: { type: 'solid', pt: 0.5, color: 'C9CFD8' },
        rowH: [header, ...page].map((row) => rowHeight(row, colW)),
      });
      if (footnote && index === pages.length - 1)
        slide.addText(footnote, {
          x: MARGIN,
          y: TABLE_BOTTOM - 0.25,
          w: WIDTH - 2 * MARGIN,
          h: 0.3,
          fontSize: 9,
          italic: true,
          color: GREY,
          fontFace: FONT,
          lang: t.locale,
        });
    });
  }

  // Title slide.
  const cover = pptx.addSlide();
  cover.background = { color: NAVY };
  cover.addText(
    [
      text(t.deckTitle, { fontSize: 32, bold: true, color: 'FFFFFF', breakLine: true }),
      text(t.subtitle, { fontSize: 14, color: 'D6DCE6', breakLine: true }),
    ],
    { x: 0.7, y: 1.2, w: 8.6, h: 1.8, valign: 'top' },
  );
  cover.addText(
    [
      text(workspace, { fontSize: 18, bold: true, color: 'FFFFFF', breakLine: true }),
      text(t.period(longDate(t, data.period.from), longDate(t, data.period.to)), {
        fontSize: 12,
        color: 'D6DCE6',
        breakLine: true,
      }),
      text(t.generated(longDate(t, data.generatedAt.toISOString().slice(0, 10))), {
        fontSize: 12,
        color: 'D6DCE6',
      }),
    ],
    { x: 0.7, y: 3.3, w: 8.6, h: 1.3, valign: 'top' },
  );

  // Services and the business objectives they serve.
  tableSlides(
    t.services.title,
    t.services.intro,
    head([t.services.name, t.services.owner, t.services.status]),
    data.services.map((s) => [
      plain(s.name, { bold: true }),
      plain(s.ownerName ?? '—'),
      plain(t.services.statuses[s.status] ?? s.status),
    ]),
    [4.6, 2.8, 1.7],
  );
  tableSlides(
    t.objectives.title,
    t.objectives.intro,
    head([t.objectives.kpi, t.objectives.objective, t.objectives.target, t.objectives.clauses]),
    data.objectives.map((o) => [
      plain(o.kpiName, { bold: true }),
      plain(clip(o.objectives, 240)),
      plain(targetText(t, o.target, o.direction, o.unit, lang)),
      plain(o.requirements.join(', ') || '—'),
    ]),
    [2.1, 3.9, 2.0, 1.1],
  );

  // The process model: clause number and title, the records, their counts.
  tableSlides(
    t.processes.title,
    t.processes.intro,
    head([
      t.processes.clause,
      t.processes.process,
      t.processes.records,
      t.processes.total,
      t.processes.inPeriod,
    ]),
    data.processes.map((p) => [
      plain(p.clause),
      plain(p.title, { bold: true }),
      plain(t.processes.recordNames[p.records]),
      plain(String(p.total), { align: 'right' }),
      plain(String(p.inPeriod), { align: 'right' }),
    ]),
    [0.7, 3.2, 2.9, 1.1, 1.2],
  );

  // Roles: people by role, teams with their manager.
  const roleOrder = Object.keys(t.roles.roleNames);
  tableSlides(
    t.roles.title,
    t.roles.intro,
    head([t.roles.role, t.roles.people]),
    [...data.roles]
      .sort((a, b) => roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role))
      .map((r) => [
        plain(t.roles.roleNames[r.role] ?? r.role),
        plain(String(r.people), { align: 'right' }),
      ]),
    [6.6, 2.5],
  );
  tableSlides(
    t.roles.title,
    t.roles.intro,
    head([t.roles.group, t.roles.manager, t.roles.members]),
    data.groups.map((g) => [
      plain(g.name, { bold: true }),
      plain(g.managerName ?? '—'),
      plain(String(g.members), { align: 'right' }),
    ]),
    [4.4, 3.3, 1.4],
  );
  tableSlides(
    t.owners.title,
    t.owners.intro,
    head([t.owners.person, t.owners.answersFor]),
    data.owners.map((o) => [
      plain(o.name, { bold: true }),
      plain(
        [
          o.documents.length ? `${t.owners.documents}${t.colon}${listed(o.documents)}` : '',
          o.workstreams.length ? `${t.owners.workstreams}${t.colon}${listed(o.workstreams)}` : '',
          o.kpis.length ? `${t.owners.kpis}${t.colon}${listed(o.kpis)}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      ),
    ]),
    [2.4, 6.7],
  );

  // KPIs with target, current value and status over the period.
  tableSlides(
    t.kpis.title,
    `${t.kpis.intro} ${t.period(longDate(t, data.period.from), longDate(t, data.period.to))}.`,
    head([t.kpis.kpi, t.kpis.target, t.kpis.current, t.kpis.status, t.kpis.baseline]),
    data.kpis.map((k) => [
      plain(k.name, { bold: true }),
      plain(formatFigure(k.targetValue, k.unit, lang), { align: 'right' }),
      plain(formatFigure(k.value, k.unit, lang), { align: 'right', bold: true }),
      plain(t.kpis.statuses[k.status], { color: STATUS_COLOUR[k.status], bold: true }),
      plain(
        k.change === null
          ? '—'
          : `${signed(k.change, lang)}${k.baselineLabel ? ` (${k.baselineLabel})` : ''}`,
      ),
    ]),
    [3.4, 1.3, 1.4, 1.3, 1.7],
  );

  // Roadmap milestones in date order.
  tableSlides(
    t.roadmap.title,
    t.roadmap.intro,
    head([t.roadmap.date, t.roadmap.item, t.roadmap.owner, t.roadmap.status]),
    data.milestones.map((m) => [
      plain(m.until ? `${shortDate(t, m.date)} – ${shortDate(t, m.until)}` : shortDate(t, m.date)),
      plain(
        `${t.roadmap.sources[m.source]}${m.source === 'phase' ? '' : ` ${m.reference}`}${t.colon}${clip(m.title, 120)}`,
      ),
      plain(m.ownerName ?? '—'),
      plain(m.status ? (t.roadmap.statuses[m.status] ?? m.status) : '—', {
        fill: m.done ? { color: LIGHT } : undefined,
      }),
    ]),
    [2.1, 4.1, 1.7, 1.2],
    data.milestonesOmitted ? t.omitted(data.milestonesOmitted) : undefined,
  );

  // 'STREAM' is a Node Buffer too; pptxgenjs 4.0.1 applies `compression` only to that output type
  // (with 'nodebuffer' the parts are stored uncompressed, about four times larger).
  return (await pptx.write({ outputType: 'STREAM', compression: true })) as Buffer;
}
