import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  at: number;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
}

/**
 * A local webhook receiver on 127.0.0.1: records every request and answers with the scripted statuses in order
 * (then `defaultStatus`). `hang` paths never answer, to exercise timeouts.
 */
export async function startReceiver(options: { statuses?: number[]; defaultStatus?: number; hang?: boolean } = {}) {
  const requests: ReceivedRequest[] = [];
  const statuses = [...(options.statuses ?? [])];
  const hanging = new Set<() => void>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        // recorded as text only
      }
      requests.push({ at: Date.now(), path: request.url ?? '/', headers: request.headers, body, json });
      if (options.hang) {
        hanging.add(() => response.destroy());
        return;
      }
      response.writeHead(statuses.shift() ?? options.defaultStatus ?? 200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    async close() {
      for (const destroy of hanging) destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Alerts received in Alertmanager payloads, flattened, as `status alertname queue`. */
export function alertLines(requests: readonly ReceivedRequest[]): string[] {
  return requests.flatMap((request) =>
    ((request.json.alerts as { status: string; labels: Record<string, string> }[] | undefined) ?? []).map(
      (alert) => `${alert.status} ${alert.labels.alertname} ${alert.labels.queue ?? '-'}`,
    ),
  );
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
