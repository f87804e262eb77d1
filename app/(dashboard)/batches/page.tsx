import { BatchesView } from '@/components/batches/batches-view';

export default function BatchesPage() {
  return <BatchesView />;
}
