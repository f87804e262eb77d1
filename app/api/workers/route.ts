import { jsonRoute } from '@/lib/http';
import { getWorkersOverview } from '@/lib/workers';

export const dynamic = 'force-dynamic';

/** Lookout workers and supervisors from their heartbeats, plus plain BullMQ workers (`source: "bullmq"`). */
export const GET = jsonRoute(async () => getWorkersOverview(), { role: 'viewer' });
