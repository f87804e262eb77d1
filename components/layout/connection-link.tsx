'use client';

import Link from 'next/link';
import type { ComponentProps } from 'react';
import { useConnection, withConnection } from '../api/connection';

/** A link inside the dashboard that stays on the connection the page shows. */
export function ConnectionLink({ href, ...props }: ComponentProps<typeof Link> & { href: string }) {
  return <Link href={withConnection(href, useConnection())} {...props} />;
}
