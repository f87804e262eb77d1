import { jsonRoute } from '@/lib/http';
import { readConnectionStatuses } from '@/lib/redis';

export const dynamic = 'force-dynamic';

/** The configured Redis connections, the default first, each with whether it answers: the UI's switcher. */
export const GET = jsonRoute(async () => ({ connections: await readConnectionStatuses() }), { role: 'viewer' });
