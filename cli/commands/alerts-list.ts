import { z } from 'zod';
import { getAlerts } from '../../lib/alerts';
import { formatTable } from '../table';
import { EXIT, out, queueCommand } from './queue/runner';

const since = (ms: number, now: number) => {
  const minutes = Math.max(0, Math.round((now - ms) / 60_000));
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
};

/** `lookout alerts:list`: the pending and firing alerts the monitor last committed, as on the Alerts page. */
export const alertsList = queueCommand({
  summary: 'The pending and firing alerts, as on the Alerts page (--json; --recent adds the recently resolved)',
  usage: 'lookout alerts:list [--recent] [--connection=<name>] [--json]',
  positionals: { min: 0, max: 0 },
  flags: z.object({ json: z.literal(true).optional(), connection: z.string().min(1).optional(), recent: z.literal(true).optional() }).strict(),
  async run({ flags, json }) {
    const now = Date.now();
    const { active, recent } = await getAlerts(now);
    const listed = flags.recent ? [...active, ...recent] : active;
    if (json) {
      out.json({ alerts: listed });
      return EXIT.ok;
    }
    if (listed.length === 0) {
      out.line(flags.recent ? 'No alert is pending or firing, and none resolved recently.' : 'No alert is pending or firing.');
      return EXIT.ok;
    }
    out.line(
      formatTable(
        ['state', 'severity', 'alert', 'queue', 'since', 'silenced', 'summary'],
        listed.map((alert) => [
          alert.state,
          alert.severity,
          alert.rule,
          alert.queue ?? '—',
          since(alert.state === 'resolved' ? (alert.endsAt ?? now) : alert.state === 'firing' ? alert.startsAt : alert.activeAt, now),
          alert.silencedUntil ? `until ${new Date(alert.silencedUntil).toISOString().slice(11, 16)} UTC` : '',
          alert.summary,
        ]),
      ),
    );
    return EXIT.ok;
  },
});
