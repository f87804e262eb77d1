import { LOOKOUT_NAMESPACE, lookoutKey } from '../redis';

/**
 * Keys owned by lib/auth: `{lookout}:auth:…` (lib/redis lookoutKey). One hash tag for all of them, because a failed
 * sign-in counts per address and per user name in one MULTI, which a cluster allows only within one slot.
 */
const key = (...parts: string[]) => lookoutKey(LOOKOUT_NAMESPACE, 'auth', ...parts);

export const authKeys = {
  loginFailuresByIp: (ip: string) => key('fail', 'ip', ip),
  loginFailuresByUser: (user: string) => key('fail', 'user', user.toLowerCase()),
  lockedIp: (ip: string) => key('locked', 'ip', ip),
};
