import { parseArgs } from './args';
import { demo } from './commands/demo';
import { web } from './commands/web';
import { shutdown } from './runtime';

const HELP = `Usage: lookout <command>

Commands:
  web      Start the dashboard and API (PORT, HOSTNAME; default http://127.0.0.1:3000)
  start    Production start: the dashboard and API
  demo     Embedded Redis + demo workers and traffic + the dashboard on http://127.0.0.1:3000
  help     Show this help

Without REDIS_URL, Lookout starts its own redis-server with data under .lookout/redis/.`;

const COMMANDS: Record<string, () => Promise<void>> = { web, start: web, demo };

async function main(): Promise<void> {
  const { positionals } = parseArgs(process.argv.slice(2));
  const name = positionals[0] ?? 'help';
  const command = COMMANDS[name];
  if (!command) {
    console.log(HELP);
    if (name !== 'help' && name !== '--help') process.exitCode = 2;
    return;
  }
  await command();
}

main().catch(async (error: unknown) => {
  console.error(`[lookout] ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
