import { COMMANDS } from './commands';
import { applyConfigFileSettings, shutdown } from './runtime';

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 2;
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}${command.summary}`);
  return `Usage: lookout <command> [options]\n\nCommands:\n${lines.join('\n')}\n  ${'help'.padEnd(width)}Show this help\n\nWithout REDIS_URL, Lookout starts its own redis-server with data under .lookout/redis/;\nqueue:* commands act on your queues, so they need REDIS_URL (and LOOKOUT_PREFIXES unless the prefix is bull).`;
}

async function main(): Promise<void> {
  const [name = 'help', ...rest] = process.argv.slice(2);
  const command = COMMANDS[name];
  if (!command) {
    console.log(help());
    if (name !== 'help' && name !== '--help' && name !== '-h') {
      console.error(`\nUnknown command "${name}".`);
      process.exitCode = 2;
    }
    return;
  }
  await applyConfigFileSettings();
  await command.run(rest);
}

main().catch(async (error: unknown) => {
  console.error(`[lookout] ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
