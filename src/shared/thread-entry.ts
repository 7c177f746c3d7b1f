// Where a worker thread's module is, whether Meridian runs built (dist/*.js) or from its
// TypeScript source (tests, `npm run meridian`).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The entry of the thread module `name` beside the module at `importMetaUrl`: the built .js when
 * running built, or else a small module that first registers tsx in the new thread (a thread does
 * not inherit its parent's loader, nor take `--import` in its execArgv).
 */
export function threadEntry(importMetaUrl: string, name: string): URL {
  const entry = new URL(`./${name}${path.extname(fileURLToPath(importMetaUrl))}`, importMetaUrl);
  if (entry.pathname.endsWith('.js')) return entry;
  const tsxDir = path.dirname(createRequire(importMetaUrl).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(path.join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
  const bootstrap = `const { register } = await import(${JSON.stringify(tsxApi)}); register(); await import(${JSON.stringify(entry.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`);
}
