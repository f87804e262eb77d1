import { alertsList } from './alerts-list';
import { alertsRun } from './alerts-run';
import { demo } from './demo';
import { QUEUE_COMMANDS } from './queue';
import { userAdd } from './user-add';
import { queueRestart } from './queue-restart';
import { supervise } from './supervise';
import { monitor } from './monitor';
import { start } from './start';
import { web } from './web';
import { work } from './work';

export interface CliCommand {
  /** One line for `lookout help`. */
  summary: string;
  run(argv: string[]): Promise<void>;
}

/** Every `lookout` command; add a command by adding an entry here. */
export const COMMANDS: Record<string, CliCommand> = {
  web: { summary: 'Start the dashboard and API (PORT, HOSTNAME; default http://127.0.0.1:3000)', run: web },
  start: { summary: 'Production start: the dashboard and API plus the monitor', run: start },
  monitor: { summary: 'Sample every queue into the metrics store (LOOKOUT_MONITOR_INTERVAL_MS, default 5 s)', run: monitor },
  demo: { summary: 'Embedded Redis + demo workers and traffic + the monitor + the dashboard on http://127.0.0.1:3000', run: demo },
  'user:add': { summary: 'Print a LOOKOUT_USERS entry (name:role:scrypt-hash); reads the password from the terminal or stdin', run: userAdd },
  'alerts:list': alertsList,
  'alerts:run': { summary: 'Evaluate alert rules every LOOKOUT_MONITOR_INTERVAL_MS and send webhooks (leader-locked; --once for one tick)', run: alertsRun },
  ...QUEUE_COMMANDS,
  work: {
    summary: 'Run jobs: --queue=high,default,low --concurrency=N --jobs=path [--tries --timeout --sleep --max-jobs --max-time --stop-when-empty --once]',
    run: work,
  },
  supervise: { summary: 'Keep worker processes running, restarted and scaled: lookout supervise [lookout.config.json]', run: supervise },
  'queue:restart': { summary: 'Make every worker exit after its current job, so supervisors restart it with new code', run: queueRestart },
};
