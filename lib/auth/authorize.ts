import { readConfig } from '../config';
import { forbidden, unauthorized } from '../errors';
import { isCrossSiteMutation } from './csrf';
import { roleAllows, type Actor, type Role } from './roles';
import { readSessionActor } from './session';
import { readAuthSettings, startupProblem } from './settings';
import { bearerToken, matchApiToken } from './tokens';

const LOCAL_ACTOR: Actor = { name: 'local (no authentication)', role: 'admin', via: 'none' };

/** Who is calling, from a Bearer API token, the session cookie, or LOOKOUT_AUTH=none; null when nobody. */
export async function identify(request: Request): Promise<Actor | null> {
  const settings = readAuthSettings();
  const presented = bearerToken(request);
  if (presented !== null) return matchApiToken(presented, settings.tokens);
  if (settings.disabled) {
    // Refuse to run open on a network interface even if the CLI's start-up check was bypassed.
    return startupProblem(settings, readConfig().HOSTNAME) === null ? LOCAL_ACTOR : null;
  }
  return readSessionActor(request, settings.secret);
}

/**
 * The single server-side check every API route runs (through jsonRoute): authenticated (401), same-origin
 * for cookie or unauthenticated-mode mutations (403), and a role at least `required` (403).
 */
export async function authorize(request: Request, required: Role): Promise<Actor> {
  const actor = await identify(request);
  if (!actor) throw unauthorized('Sign in, or send a valid API token as "Authorization: Bearer <token>".');
  if (actor.via !== 'token' && isCrossSiteMutation(request)) {
    throw forbidden('Cross-site request refused: the Origin of this request is not this dashboard.');
  }
  if (!roleAllows(actor.role, required)) {
    throw forbidden(`This action needs the ${required} role; you are signed in as ${actor.role}.`);
  }
  return actor;
}
