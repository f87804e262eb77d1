/** Keys owned by lib/auth, under Lookout's own `lookout:` namespace. */
export const authKeys = {
  loginFailuresByIp: (ip: string) => `lookout:auth:fail:ip:${ip}`,
  loginFailuresByUser: (user: string) => `lookout:auth:fail:user:${user.toLowerCase()}`,
  lockedIp: (ip: string) => `lookout:auth:locked:ip:${ip}`,
};
