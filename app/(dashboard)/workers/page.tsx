import { WorkersView } from '@/components/workers/workers-view';

export default function WorkersPage() {
  return <WorkersView />;
}
