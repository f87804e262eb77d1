/** Signs in through next-auth's credentials endpoint the way the login form does, from a given client address. */
export async function httpSignIn(baseUrl: string, username: string, password: string, ip: string) {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { 'x-forwarded-for': ip } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies, 'x-forwarded-for': ip, origin: baseUrl },
    body: new URLSearchParams({ csrfToken, username, password, json: 'true' }),
  });
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('next-auth.session-token='));
  const body = (await response.json().catch(() => ({}))) as { url?: string };
  return { sessionCookie: session?.split(';')[0] ?? null, error: body.url ? new URL(body.url).searchParams.get('error') : null };
}
