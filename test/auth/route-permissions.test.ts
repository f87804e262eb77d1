import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../lib/auth';
import { AlertEngine, alertId } from '../../lib/alerts';
import { startBulkOperation, stopOperationRunner } from '../../lib/operations';
import { readAllQueueSummaries } from '../../lib/queues';
import { batch, closeDispatcher, configureDispatcher, defineJob } from '../../workers';
import { deleteTestKeys } from '../workers/helpers';
import { seedEveryState } from '../helpers/fixtures';
import { connectionOptions, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis';

/**
 * Every API route, every method: 401 without credentials, 403 with a role that is too weak, 200 with the
 * right one. A route file that is not in this table fails the test, so no route ships without a check.
 */
interface RouteCase {
  role: Role;
  /** The URL to call (with real ids from the fixture) and the dynamic params Next.js would pass. */
  url: string;
  params: Record<string, string | string[]>;
  body?: unknown;
  /** The success status when it is not 200 (202 for a started background operation). */
  status?: number;
}

const prefix = uniquePrefix('perm');
/** The fixture's `orders` queue gets a firing alert (see beforeAll), so the silence route has one to silence. */
const SEEDED_ALERT = alertId('QueueLengthWarning', prefix, 'orders');

/** A background operation made in beforeAll, for the routes that read or cancel one (its id is known only then). */
const operation = { id: '' };
const onOperation = (role: Role): RouteCase => ({
  role,
  get url() {
    return `/api/operations/${operation.id}`;
  },
  get params() {
    return { id: operation.id };
  },
});

/** Runtime batches made in beforeAll (no worker runs them): one to read and retry, one to cancel. */
const batches = { read: '', cancel: '' };
const onBatch = (role: Role, which: keyof typeof batches, action = ''): RouteCase => ({
  role,
  get url() {
    return `/api/batches/${batches[which]}${action}`;
  },
  get params() {
    return { id: batches[which] };
  },
});

const PUBLIC = new Set(['GET /api/health', 'GET /api/auth/[...nextauth]', 'POST /api/auth/[...nextauth]']);

const TABLE: Record<string, RouteCase> = {
  'GET /api/me': { role: 'viewer', url: '/api/me', params: {} },
  'GET /api/connections': { role: 'viewer', url: '/api/connections', params: {} },
  'GET /api/queues': { role: 'viewer', url: '/api/queues', params: {} },
  'GET /api/queues/[queue]': { role: 'viewer', url: '/api/queues/orders', params: { queue: 'orders' } },
  'GET /api/queues/[queue]/jobs': { role: 'viewer', url: '/api/queues/orders/jobs?state=failed', params: { queue: 'orders' } },
  'GET /api/queues/[queue]/jobs/[id]': { role: 'viewer', url: '/api/queues/orders/jobs/a1', params: { queue: 'orders', id: 'a1' } },
  'GET /api/queues/[queue]/failures': { role: 'viewer', url: '/api/queues/orders/failures', params: { queue: 'orders' } },
  'GET /api/audit': { role: 'viewer', url: '/api/audit', params: {} },
  'GET /api/workers': { role: 'viewer', url: '/api/workers', params: {} },
  'GET /api/metrics': { role: 'viewer', url: '/api/metrics', params: {} },
  'GET /api/metrics/job-names': { role: 'viewer', url: '/api/metrics/job-names?queue=orders', params: {} },
  'GET /api/metrics/summary': { role: 'viewer', url: '/api/metrics/summary', params: {} },
  'GET /api/metrics/queues': { role: 'viewer', url: '/api/metrics/queues', params: {} },
  'GET /api/search': { role: 'viewer', url: '/api/search?id=f1', params: {} },
  'GET /api/operations': { role: 'viewer', url: '/api/operations?queue=orders', params: {} },
  'GET /api/operations/[id]': onOperation('viewer'),
  'GET /api/queues/[queue]/jobs/[id]/status': { role: 'viewer', url: '/api/queues/orders/jobs/c1/status', params: { queue: 'orders', id: 'c1' } },
  'GET /api/batches': { role: 'viewer', url: '/api/batches', params: {} },
  'GET /api/batches/[id]': onBatch('viewer', 'read'),
  'POST /api/batches/[id]/retry': onBatch('operator', 'read', '/retry'),
  'POST /api/batches/[id]/cancel': onBatch('operator', 'cancel', '/cancel'),
  // Mutations run once with the right role (refused calls change nothing), each on a job in the right state.
  'POST /api/queues/[queue]/jobs/[id]/retry': { role: 'operator', url: '/api/queues/orders/jobs/f1/retry', params: { queue: 'orders', id: 'f1' } },
  'POST /api/queues/[queue]/jobs/[id]/promote': { role: 'operator', url: '/api/queues/orders/jobs/d1/promote', params: { queue: 'orders', id: 'd1' } },
  'DELETE /api/queues/[queue]/jobs/[id]': { role: 'operator', url: '/api/queues/orders/jobs/w3', params: { queue: 'orders', id: 'w3' } },
  'POST /api/queues/[queue]/retry': { role: 'operator', url: '/api/queues/orders/retry', params: { queue: 'orders' }, body: { state: 'completed' } },
  'POST /api/queues/[queue]/clean': { role: 'operator', url: '/api/queues/orders/clean', params: { queue: 'orders' }, body: { state: 'failed', graceMs: 3_600_000 } },
  'POST /api/queues/[queue]/bulk/preview': { role: 'operator', url: '/api/queues/orders/bulk/preview', params: { queue: 'orders' }, body: { action: 'retry', state: 'failed', q: 'card' } },
  // A query that matches nothing, so the operation changes no job another row needs.
  'POST /api/queues/[queue]/bulk': { role: 'operator', url: '/api/queues/orders/bulk', params: { queue: 'orders' }, body: { action: 'delete', state: 'completed', q: 'no-such-job' }, status: 202 },
  'DELETE /api/operations/[id]': onOperation('operator'),
  'POST /api/queues/[queue]/pause': { role: 'operator', url: '/api/queues/orders/pause', params: { queue: 'orders' } },
  'POST /api/queues/[queue]/resume': { role: 'operator', url: '/api/queues/orders/resume', params: { queue: 'orders' } },
  'GET /api/alerts': { role: 'viewer', url: '/api/alerts', params: {} },
  'GET /api/alerts/history': { role: 'viewer', url: '/api/alerts/history', params: {} },
  'GET /api/alerts/deliveries': { role: 'viewer', url: '/api/alerts/deliveries', params: {} },
  'GET /api/alerts/rules': { role: 'viewer', url: '/api/alerts/rules', params: {} },
  'PUT /api/alerts/rules': { role: 'admin', url: '/api/alerts/rules', params: {}, body: {} },
  'POST /api/alerts/[id]/silence': { role: 'operator', url: `/api/alerts/${SEEDED_ALERT}/silence`, params: { id: SEEDED_ALERT }, body: { minutes: 5 } },
  'GET /api/alerts/webhooks': { role: 'admin', url: '/api/alerts/webhooks', params: {} },
  'PUT /api/alerts/webhooks': { role: 'admin', url: '/api/alerts/webhooks', params: {}, body: { webhooks: [] } },
  'POST /api/alerts/webhooks/test': { role: 'admin', url: '/api/alerts/webhooks/test', params: {}, body: {} },
};

const TOKENS: Record<Role, string> = { viewer: 'viewer-token-aaaaaaaaaaaa', operator: 'operator-token-bbbbbbbbbb', admin: 'admin-token-cccccccccccccc' };
const WEAKER: Record<Role, Role | null> = { viewer: null, operator: 'viewer', admin: 'operator' };
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

const apiRoot = join(import.meta.dirname, '..', '..', 'app', 'api');
const routeFiles = (readdirSync(apiRoot, { recursive: true }) as string[]).filter((file) => file.endsWith(`${sep}route.ts`) || file === 'route.ts');

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

async function discoverRoutes(): Promise<{ key: string; handler: Handler }[]> {
  const routes: { key: string; handler: Handler }[] = [];
  for (const file of routeFiles) {
    const module = (await import(join(apiRoot, file))) as Record<string, unknown>;
    const path = `/api/${relative('.', file).split(sep).slice(0, -1).join('/')}`.replace(/\/$/, '');
    for (const method of METHODS) {
      if (typeof module[method] === 'function') routes.push({ key: `${method} ${path}`, handler: module[method] as Handler });
    }
  }
  return routes;
}

const redis = testRedis();
let fixture: Awaited<ReturnType<typeof seedEveryState>>;
let routes: { key: string; handler: Handler }[];

beforeAll(async () => {
  process.env.REDIS_URL = testRedisUrl();
  process.env.LOOKOUT_PREFIXES = prefix;
  process.env.LOOKOUT_NAMESPACE = prefix;
  process.env.LOOKOUT_AUTH = '';
  process.env.LOOKOUT_API_TOKENS = Object.entries(TOKENS).map(([role, token]) => `${role}:${token}`).join(',');
  fixture = await seedEveryState(connectionOptions(), prefix);
  await seedFiringAlert();
  routes = await discoverRoutes();
  const started = await startBulkOperation({ queue: 'orders' }, { action: 'promote', state: 'delayed', q: 'no-such-job' }, { name: 'perm', role: 'operator', via: 'token' });
  operation.id = started.operationId;
  await seedBatches();
});

async function seedBatches() {
  const row = defineJob({ name: 'perm-row', queue: 'perm-batch', handle: () => undefined });
  configureDispatcher({ connection: testRedisUrl(), prefix });
  batches.read = (await batch([row.with({})]).name('read').dispatch()).id;
  batches.cancel = (await batch([row.with({})]).name('cancel').dispatch()).id;
  await closeDispatcher();
}

async function seedFiringAlert() {
  const engine = new AlertEngine({
    redis,
    sampleQueues: (now) => readAllQueueSummaries(redis, [prefix], now),
    settings: { namespace: prefix, rules: { QueueLengthWarning: { threshold: 0, forMs: 0 } }, webhooks: [], externalUrl: 'http://localhost' },
  });
  await engine.tick(Date.now());
  await engine.close();
}

afterAll(async () => {
  await stopOperationRunner();
  await fixture.close();
  await deleteTestKeys(redis, prefix);
  redis.disconnect();
});

function call(route: { key: string; handler: Handler }, spec: RouteCase, token?: string) {
  const method = route.key.split(' ')[0] ?? 'GET';
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (spec.body !== undefined) headers['content-type'] = 'application/json';
  const request = new Request(`http://localhost${spec.url}`, { method, headers, body: spec.body === undefined ? undefined : JSON.stringify(spec.body) });
  return route.handler(request, { params: Promise.resolve(spec.params) });
}

describe('route permissions', () => {
  it('has a table entry for every route handler', () => {
    const missing = routes.map((route) => route.key).filter((key) => !PUBLIC.has(key) && !TABLE[key]);
    expect(missing, 'add these routes to TABLE in test/auth/route-permissions.test.ts').toEqual([]);
    expect(routes.length).toBeGreaterThanOrEqual(Object.keys(TABLE).length);
  });

  it('answers 401 without credentials, 403 with a weaker role and 200 with the right one', async () => {
    for (const route of routes) {
      const spec = TABLE[route.key];
      if (!spec) continue;
      expect((await call(route, spec)).status, `${route.key} without credentials`).toBe(401);
      expect((await call(route, spec, 'not-a-configured-token')).status, `${route.key} with a wrong token`).toBe(401);
      const weaker = WEAKER[spec.role];
      if (weaker) expect((await call(route, spec, TOKENS[weaker])).status, `${route.key} as ${weaker}`).toBe(403);
      expect((await call(route, spec, TOKENS[spec.role])).status, `${route.key} as ${spec.role}`).toBe(spec.status ?? 200);
    }
  });

  it('refuses a cookie-authenticated POST from another origin and accepts it from our own', async () => {
    process.env.NEXTAUTH_SECRET = 'route-permissions-secret-0123456789';
    const token = await encode({ token: { name: 'otto', role: 'operator' }, secret: process.env.NEXTAUTH_SECRET });
    const pause = routes.find((route) => route.key === 'POST /api/queues/[queue]/pause');
    const post = (origin: string) =>
      pause!.handler(
        new Request('http://lookout.local/api/queues/orders/pause', {
          method: 'POST',
          headers: { cookie: `next-auth.session-token=${token}`, origin, host: 'lookout.local' },
        }),
        { params: Promise.resolve({ queue: 'orders' }) },
      );
    const foreign = await post('https://evil.example');
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: { code: 'Forbidden', message: expect.stringContaining('Cross-site') } });
    expect((await post('http://lookout.local')).status).toBe(200);
  });

  it('leaves the health check public', async () => {
    const health = routes.find((route) => route.key === 'GET /api/health');
    expect(health).toBeDefined();
    const response = await health!.handler(new Request('http://localhost/api/health'), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
  });
});
