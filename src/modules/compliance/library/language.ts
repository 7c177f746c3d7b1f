// Which language to word the guidance in: the first language of the request's Accept-Language
// (by quality) that the library offers; English when none is offered. The web client sends its
// interface language, so a French user gets French guidance whatever the browser prefers.

/** Base languages (`fr`, `en`) in the order the header prefers them; `*` and junk are dropped. */
export function preferredLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...options] = part.trim().split(';');
      const q = options
        .map((o) => o.trim())
        .find((o) => o.startsWith('q='))
        ?.slice(2);
      const quality = q === undefined ? 1 : Number(q);
      return {
        base: tag.trim().toLowerCase().split('-')[0] ?? '',
        quality: Number.isFinite(quality) ? quality : 0,
        index,
      };
    })
    .filter((l) => /^[a-z]{2,3}$/.test(l.base) && l.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((l) => l.base);
}

/** The first of `offered` (base language codes) that the header accepts, else `fallback`. */
export function negotiateLanguage(
  header: string | undefined,
  offered: readonly string[],
  fallback = 'en',
): string {
  return preferredLanguages(header).find((base) => offered.includes(base)) ?? fallback;
}
