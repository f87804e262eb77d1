import { jsonRoute } from '@/lib/http';
import { getQueueOverview } from '@/lib/queues';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute(async () => getQueueOverview(), { role: 'viewer' });
