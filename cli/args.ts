/** Minimal `--flag=value` / `--flag value` / `--switch` parser; commands validate what they read with zod. */
export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | true>;
}

/** `switches` never take a value, so `--json emails` reads as the switch plus a positional. */
export function parseArgs(argv: readonly string[], switches: readonly string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const body = arg.slice(2);
    const equals = body.indexOf('=');
    if (equals >= 0) {
      flags[body.slice(0, equals)] = body.slice(equals + 1);
      continue;
    }
    const next = argv[index + 1];
    if (next !== undefined && !next.startsWith('--') && !switches.includes(body)) {
      flags[body] = next;
      index++;
    } else {
      flags[body] = true;
    }
  }
  return { positionals, flags };
}
