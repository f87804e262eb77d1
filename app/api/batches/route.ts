import { getBatches } from '@/lib/batches';
import { jsonRoute } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** The newest worker-runtime batches of every prefix: `{ batches: [{ id, name, total, pending, failed, progress, … }] }`. */
export const GET = jsonRoute(async () => getBatches(), { role: 'viewer' });
