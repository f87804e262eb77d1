import { silenceAlert } from '@/lib/alerts';
import { jsonRoute, parseInput, jsonBodyOf } from '@/lib/http';
import { alertParams, silenceBody } from '../../schema';

export const dynamic = 'force-dynamic';

export const POST = jsonRoute<{ id: string }>(async (request, params, actor) => {
  const { id } = parseInput(alertParams, params);
  const { minutes } = parseInput(silenceBody, await jsonBodyOf(request));
  return silenceAlert(id, minutes, actor.name);
}, { role: 'operator' });
