import { getAlerts } from '@/lib/alerts';
import { jsonRoute } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute(async () => getAlerts(), { role: 'viewer' });
