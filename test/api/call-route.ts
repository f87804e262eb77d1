/** Calls a Next.js route handler the way the server does, and returns status and JSON body. */
type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export async function callRoute<P>(handler: Handler<P>, path: string, params: P, init?: RequestInit) {
  const response = await handler(new Request(`http://localhost${path}`, init), { params: Promise.resolve(params) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string; field?: string } } };
}
