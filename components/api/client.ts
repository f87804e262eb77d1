/** Fetches JSON from the Lookout API and turns the contract's error body into an ApiError. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function fetchJson<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { Accept: 'application/json', ...init?.headers }, cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'Network', 'The Lookout server is unreachable.');
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 401 && typeof window !== 'undefined' && !window.location.pathname.startsWith('/login')) {
    // The session expired or never existed: go and sign in, then come back here.
    window.location.assign(`/login?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'Http', error?.message ?? `Request failed with status ${response.status}.`);
  }
  return body as T;
}

export function queuePath(queue: string): string {
  return `/api/queues/${encodeURIComponent(queue)}`;
}
