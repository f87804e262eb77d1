import { Suspense } from 'react';
import { BatchView } from '@/components/batches/batch-view';

export default async function BatchPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense>
      <BatchView id={decodeURIComponent(id)} />
    </Suspense>
  );
}
