import { NextResponse } from 'next/server';
import { LOOKOUT_VERSION } from '@/lib/config';
import { errorResponse, requestedConnection } from '@/lib/http';
import { checkRedis } from '@/lib/redis';

export const dynamic = 'force-dynamic';

/** Public: load balancers and the dashboard's banner poll this (the default connection unless `?connection=`). */
export async function GET(request: Request) {
  let connection: string | undefined;
  try {
    connection = requestedConnection(request);
  } catch (error) {
    return errorResponse(error);
  }
  const redis = await checkRedis(1500, connection);
  const status = redis === 'up' ? 'ok' : 'degraded';
  return NextResponse.json(
    { status, redis, version: LOOKOUT_VERSION },
    { status: redis === 'up' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
