import NextAuth from 'next-auth';
import { buildAuthOptions } from '@/lib/auth/next-auth-options';

export const dynamic = 'force-dynamic';

type Handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

let handler: Handler | null = null;

/** Public by nature: this is where people sign in (password attempts are throttled inside). */
function route(request: Request, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  handler ??= NextAuth(buildAuthOptions()) as Handler;
  return handler(request, context);
}

export { route as GET, route as POST };
