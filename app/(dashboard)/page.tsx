import { Overview } from '@/components/queues/overview';

export default function OverviewPage() {
  return <Overview />;
}
