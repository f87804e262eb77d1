import { Suspense } from 'react';
import { QueueView } from '@/components/queues/queue-view';

export default async function QueuePage({ params }: { params: Promise<{ queue: string }> }) {
  const { queue } = await params;
  return (
    <Suspense>
      <QueueView queue={decodeURIComponent(queue)} />
    </Suspense>
  );
}
