import { demo } from './demo';
import { queueRestart } from './queue-restart';
import { supervise } from './supervise';
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
  start: { summary: 'Production start: the dashboard and API', run: web },
  demo: { summary: 'Embedded Redis + demo workers and traffic + the dashboard on http://127.0.0.1:3000', run: demo },
  work: {
    summary: 'Run jobs: --queue=high,default,low --concurrency=N --jobs=path [--tries --timeout --sleep --max-jobs --max-time --stop-when-empty --once]',
    run: work,
  },
  supervise: { summary: 'Keep worker processes running, restarted and scaled: lookout supervise [lookout.config.json]', run: supervise },
  'queue:restart': { summary: 'Make every worker exit after its current job, so supervisors restart it with new code', run: queueRestart },
};
