import { NextResponse } from 'next/server';
import { z } from 'zod';
import { AppError, invalid, isAppError, type ErrorCode } from '../errors';
import { authorize, type Actor, type Role } from '../auth';
import { connectionSpec, isRedisConnectionError, withConnection } from '../redis';

const STATUS: Record<ErrorCode, number> = {
  Invalid: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  Unavailable: 503,
};

export interface ErrorBody {
  error: { code: ErrorCode | 'Internal'; message: string; field?: string };
}

/** The one place where an error becomes an HTTP status and the contract's error body. */
export function errorResponse(error: unknown): NextResponse<ErrorBody> {
  if (isAppError(error)) {
    const body: ErrorBody = { error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } };
    return NextResponse.json(body, { status: STATUS[error.code] });
  }
  if (isRedisConnectionError(error)) {
    return NextResponse.json<ErrorBody>(
      { error: { code: 'Unavailable', message: 'Redis is unreachable; retrying in the background.' } },
      { status: 503 },
    );
  }
  // Never leak Lookout's own stack traces to clients; the server log keeps the detail.
  console.error('[lookout] unhandled error in API route', error);
  return NextResponse.json<ErrorBody>({ error: { code: 'Internal', message: 'Internal error.' } }, { status: 500 });
}

type RouteContext<P> = { params: Promise<P> };

export interface RouteOptions {
  /** The least role that may call the route; checked before the handler runs. */
  role: Role;
  status?: number;
}

const connectionQuery = z.object({ connection: z.string().min(1).max(64).optional() });

/**
 * The connection a request addresses: `?connection=<name>` (400 naming the field when no connection has that
 * name), or undefined for the default one.
 */
export function requestedConnection(request: Request): string | undefined {
  const { connection } = parseInput(connectionQuery, { connection: new URL(request.url).searchParams.get('connection') ?? undefined });
  return connection === undefined ? undefined : connectionSpec(connection).name;
}

/**
 * Wraps a route handler: authorizes the caller for `role`, runs the handler with the caller's identity on the
 * connection the request names (`?connection=`, see lib/redis getConnection), and sends its result as JSON; any
 * thrown error goes through errorResponse.
 */
export function jsonRoute<P = Record<string, never>>(
  handler: (request: Request, params: P, actor: Actor) => Promise<unknown>,
  init: RouteOptions,
) {
  return async (request: Request, context: RouteContext<P>): Promise<NextResponse> => {
    try {
      const actor = await authorize(request, init.role);
      const params = await context.params;
      const body = await withConnection(requestedConnection(request), () => handler(request, params, actor));
      return NextResponse.json(body, { status: init.status ?? 200, headers: { 'Cache-Control': 'no-store' } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Like jsonRoute (`?connection=` included), for endpoints that answer plain text (e.g. the Prometheus exposition); errors stay JSON. */
export function textRoute(handler: (request: Request, actor: Actor) => Promise<string>, init: RouteOptions & { contentType: string }) {
  return async (request: Request): Promise<Response> => {
    try {
      const actor = await authorize(request, init.role);
      const body = await withConnection(requestedConnection(request), () => handler(request, actor));
      return new Response(body, { status: init.status ?? 200, headers: { 'Content-Type': init.contentType, 'Cache-Control': 'no-store' } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Validates input with a zod schema; the first problem becomes a 400 naming its field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  throw invalid(issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'Invalid input.', field);
}

export function searchParamsOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams.entries());
}

/** The request's JSON body: an empty body reads as `{}`, malformed JSON is a 400. */
export async function jsonBodyOf(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid('The request body is not valid JSON.');
  }
}

export { AppError };
