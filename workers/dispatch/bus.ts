import { readConfig } from '../../lib/config';
import { unavailable } from '../../lib/errors';
import { connectionFromEnv } from '../connection';
import { Dispatcher, type DispatcherOptions } from './dispatcher';
import type { Bus } from './types';

interface BusState {
  configured: Dispatcher | null;
  fake: Bus | null;
}

const state: BusState = { configured: null, fake: null };

/**
 * Sets where dispatch(), chain() and batch() send jobs (and closes the previous dispatcher).
 * Without it they use REDIS_CLUSTER_NODES or REDIS_URL, and the first of LOOKOUT_PREFIXES.
 */
export function configureDispatcher(options: DispatcherOptions): Dispatcher {
  const previous = state.configured;
  state.configured = new Dispatcher(options);
  void previous?.close();
  return state.configured;
}

/** Closes the dispatcher the module-level functions use, so a script can exit. */
export async function closeDispatcher(): Promise<void> {
  const current = state.configured;
  state.configured = null;
  await current?.close();
}

export function currentBus(): Bus {
  if (state.fake) return state.fake;
  if (state.configured) return state.configured;
  const config = readConfig();
  const connection = connectionFromEnv();
  if (!connection) {
    throw unavailable('dispatch() needs Redis: set REDIS_URL (or REDIS_CLUSTER_NODES) or call configureDispatcher({ connection })');
  }
  state.configured = new Dispatcher({ connection, prefix: config.LOOKOUT_PREFIXES[0] });
  return state.configured;
}

/** Routes dispatches to a fake until the returned function is called. */
export function swapBus(fake: Bus): () => void {
  state.fake = fake;
  return () => {
    if (state.fake === fake) state.fake = null;
  };
}
