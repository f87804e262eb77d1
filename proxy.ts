import { NextResponse, type NextRequest } from 'next/server';
import { identify } from '@/lib/auth';
import { contentSecurityPolicy } from '@/lib/http/security-headers';

/** Pages people may see without signing in. */
const PUBLIC_PAGES = ['/login'];

/**
 * Runs before every page: sends people who are not signed in to /login, and gives each response a fresh
 * CSP nonce that Next.js applies to its own scripts. API routes check access themselves (lib/http).
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (!PUBLIC_PAGES.includes(pathname) && !(await identify(request))) {
    const login = new URL('/login', request.url);
    login.searchParams.set('callbackUrl', `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!api|metrics|_next/static|_next/image|favicon.svg|logo.svg).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
