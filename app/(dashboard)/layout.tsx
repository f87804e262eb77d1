import type { ReactNode } from 'react';
import { NoAuthBanner } from '@/components/auth/user-box';
import { JobFinder } from '@/components/layout/job-finder';
import { RedisBanner } from '@/components/layout/redis-banner';
import { Sidebar } from '@/components/layout/sidebar';

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <Sidebar />
      <div className="flex min-w-0 flex-1 flex-col">
        <NoAuthBanner />
        <RedisBanner />
        <header className="flex items-center justify-end border-b border-slate-200 px-6 py-2 dark:border-slate-800">
          <JobFinder />
        </header>
        <main className="flex-1 px-6 py-6">{children}</main>
      </div>
    </div>
  );
}
