// docs/performance.md is a header plus one section per benchmark, each between
// `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`. A run replaces only the sections it produced,
// so running one benchmark keeps the figures of the others.

export interface Section {
  name: string;
  body: string;
}

const SECTION = /<!-- bench:([\w-]+) -->\n([\s\S]*?)\n?<!-- \/bench:\1 -->/g;

/** The sections of an existing report, in file order (the header is not a benchmark section). */
export function parseSections(text: string): Section[] {
  const sections: Section[] = [];
  for (const match of text.matchAll(SECTION)) {
    const [, name, body] = match;
    if (name && name !== 'header') sections.push({ name, body: body ?? '' });
  }
  return sections;
}

/**
 * The new report: the header, then the sections in benchmark-file order (fresh if just run, kept
 * otherwise), then kept sections whose benchmark file no longer exists.
 */
export function composeReport(input: {
  header: string;
  order: readonly string[];
  previous: readonly Section[];
  fresh: ReadonlyMap<string, string>;
}): string {
  const kept = new Map(input.previous.map((s) => [s.name, s.body]));
  const names = [...input.order, ...input.previous.map((s) => s.name)].filter(
    (name, i, all) => all.indexOf(name) === i,
  );
  const parts = [wrap('header', input.header)];
  for (const name of names) {
    const body = input.fresh.get(name) ?? kept.get(name);
    if (body !== undefined) parts.push(wrap(name, body));
  }
  return `${parts.join('\n\n')}\n`;
}

function wrap(name: string, body: string): string {
  return `<!-- bench:${name} -->\n${body.trim()}\n<!-- /bench:${name} -->`;
}
