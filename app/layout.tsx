import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import './globals.css';

// Pages render per request so each one carries the CSP nonce set by proxy.ts.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Lookout',
  description: 'Operations dashboard for BullMQ job queues',
  icons: { icon: '/favicon.svg' },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
