import { NextResponse } from 'next/server';
import { LOOKOUT_VERSION } from '@/lib/config';
import { checkRedis } from '@/lib/redis';

export const dynamic = 'force-dynamic';

/** Public: load balancers and the dashboard's banner poll this. */
export async function GET() {
  const redis = await checkRedis();
  const status = redis === 'up' ? 'ok' : 'degraded';
  return NextResponse.json(
    { status, redis, version: LOOKOUT_VERSION },
    { status: redis === 'up' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
