// The session cookie, read and written by hand: it is the only cookie Meridian uses, and a
// cookie plugin would add two hooks to every request, including the API calls that use tokens.
export const SESSION_COOKIE = 'meridian_session';

/** The session cookie's value from a Cookie header, or undefined. */
export function readSessionCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return value ? decodeURIComponent(value) : undefined;
    }
  }
  return undefined;
}

/** HttpOnly (no script can read it), SameSite=Lax, Secure behind HTTPS. */
export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(value)}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export const expiredSessionCookie = (secure: boolean) => sessionCookie('', 0, secure);
