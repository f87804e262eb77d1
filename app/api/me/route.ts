import { jsonRoute } from '@/lib/http';
import { readAuthSettings } from '@/lib/auth';

export const dynamic = 'force-dynamic';

/** Who the dashboard is signed in as, so the UI can hide what the role cannot do. */
export const GET = jsonRoute(
  async (_request, _params, actor) => ({ name: actor.name, role: actor.role, via: actor.via, authDisabled: readAuthSettings().disabled }),
  { role: 'viewer' },
);
