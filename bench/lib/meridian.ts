// The benchmarks' way into a running Meridian: the production build started on a data folder,
// and a sign-in as the demo SMS manager (the demo workspace's logins).
import path from 'node:path';
import { DEMO_PASSWORD } from '../../src/demo/demo.js';
import { type Server, startServer } from './processes.js';

/** Starts `dist/src/server/main.js` with `env` on a free port; `nodeArgs` go before the script. */
export function startBuiltServer(
  root: string,
  env: NodeJS.ProcessEnv,
  nodeArgs: string[] = [],
): Promise<Server> {
  return startServer({
    name: 'Meridian',
    args: [...nodeArgs, path.join(root, 'dist', 'src', 'server', 'main.js')],
    cwd: root,
    env: { ...env, HOST: '127.0.0.1', PORT: '0' },
    ready: /Open http:\/\/[^/\s]+:(\d+)\//,
    timeoutMs: 120_000,
  });
}

/** Signs in as the demo SMS manager; the cookie and CSRF token to send with each request. */
export async function signInAsDemoManager(
  base: string,
): Promise<{ cookie: string; csrfToken: string }> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'claire.dubois@verlaine.example', password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`sign-in failed: ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}
