import { demo } from './demo';
import { monitor } from './monitor';
import { start } from './start';
import { web } from './web';

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
};
