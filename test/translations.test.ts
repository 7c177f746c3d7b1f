import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every screen must work in English and French: a key present in one language and missing in the
// other shows a raw key to someone. The app's texts and each feature's own texts are checked.

const root = path.resolve(import.meta.dirname, '..');

function keysOf(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, inner]) =>
    keysOf(inner, prefix ? `${prefix}.${key}` : key),
  );
}

// Plural forms differ by language (French has a `_many` form English lacks): compare the base key.
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const baseKeys = (value: unknown) => [
  ...new Set(keysOf(value).map((key) => key.replace(PLURAL_SUFFIX, ''))),
];

const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;

const bundles = [
  { name: 'app', folder: path.join(root, 'web', 'i18n') },
  ...fs
    .readdirSync(path.join(root, 'web', 'features'))
    .filter((feature) => fs.existsSync(path.join(root, 'web', 'features', feature, 'i18n')))
    .map((feature) => ({
      name: feature,
      folder: path.join(root, 'web', 'features', feature, 'i18n'),
    })),
];

describe.each(bundles)('$name texts', ({ folder }) => {
  it('French has exactly the English keys', () => {
    const english = baseKeys(read(path.join(folder, 'en.json'))).sort();
    const french = baseKeys(read(path.join(folder, 'fr.json'))).sort();
    expect(french.filter((key) => !english.includes(key))).toEqual([]);
    expect(english.filter((key) => !french.includes(key))).toEqual([]);
  });
});
