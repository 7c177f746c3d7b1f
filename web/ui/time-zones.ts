// Every IANA zone the browser knows, plus the current value even if this browser does not list
// it (UTC is often missing from Intl.supportedValuesOf).
export function timeZoneOptions(current?: string | null): string[] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const all = new Set(zones);
  all.add('UTC');
  if (current) all.add(current);
  return [...all].sort((a, b) => a.localeCompare(b));
}
