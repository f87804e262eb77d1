import { Suspense } from 'react';
import { JobView } from '@/components/jobs/job-view';

export default async function JobPage({ params }: { params: Promise<{ queue: string; id: string }> }) {
  const { queue, id } = await params;
  return (
    <Suspense>
      <JobView queue={decodeURIComponent(queue)} id={decodeURIComponent(id)} />
    </Suspense>
  );
}
