import { textRoute } from '@/lib/http';
import { getPrometheusMetrics } from '@/lib/metrics';

export const dynamic = 'force-dynamic';

/** Prometheus text exposition: queue sizes, job counters, wait and run time histograms, workers. */
export const GET = textRoute(() => getPrometheusMetrics(), { role: 'viewer', contentType: 'text/plain; version=0.0.4; charset=utf-8' });
