export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** viewer reads; operator also acts on jobs and queues; admin also edits rules and settings. */
export function roleAllows(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}

/** Who made a request: shown in the audit log. */
export interface Actor {
  name: string;
  role: Role;
  /** `cli`: a `lookout queue:*` command, trusted because it holds REDIS_URL itself. */
  via: 'session' | 'token' | 'none' | 'cli';
}
