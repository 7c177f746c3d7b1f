import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type en from './en.json';

// Every language is a JSON file next to this one: adding `de.json` (with the same keys as
// en.json and its own `language.name`) is all it takes to offer German. A feature may keep its
// own texts in `features/<feature>/i18n/<code>.json`; they are found under the feature's name in
// camel case (`features/change-calendar/i18n/en.json` → `t('changeCalendar.…')`).
type Resource = typeof en;

const files = import.meta.glob<Resource>('./*.json', { eager: true, import: 'default' });
const featureFiles = import.meta.glob<Record<string, unknown>>('../features/*/i18n/*.json', {
  eager: true,
  import: 'default',
});

const camelCase = (name: string) =>
  name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

const resources: Record<string, { translation: Resource }> = {};
for (const [path, translation] of Object.entries(files)) {
  const code = path.replace(/^.*\/(.+)\.json$/, '$1');
  resources[code] = { translation: { ...translation } };
}
for (const [path, texts] of Object.entries(featureFiles)) {
  const [, feature, code] = path.match(/features\/([^/]+)\/i18n\/(.+)\.json$/) ?? [];
  const resource = code ? resources[code] : undefined;
  if (feature && resource) Object.assign(resource.translation, { [camelCase(feature)]: texts });
}

export const FALLBACK_LANGUAGE = 'en';
const STORAGE_KEY = 'meridian.language';

export interface LanguageOption {
  code: string;
  name: string;
}

export const languages: LanguageOption[] = Object.entries(resources)
  .map(([code, { translation }]) => ({ code, name: translation.language.name }))
  .sort((a, b) => (a.code === FALLBACK_LANGUAGE ? -1 : b.code === FALLBACK_LANGUAGE ? 1 : 0));

export function isSupportedLanguage(code: string | null | undefined): code is string {
  return !!code && code in resources;
}

function initialLanguage(): string {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isSupportedLanguage(stored)) return stored;
  } catch {
    // Storage can be disabled; the browser's languages are the next best guess.
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isSupportedLanguage(base)) return base;
  }
  return FALLBACK_LANGUAGE;
}

export async function changeLanguage(code: string): Promise<void> {
  if (!isSupportedLanguage(code) || i18n.language === code) return;
  await i18n.changeLanguage(code);
}

i18n.on('languageChanged', (code) => {
  document.documentElement.lang = code;
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Not remembering the choice on this device is acceptable.
  }
});

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: FALLBACK_LANGUAGE,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export { i18n };
