import { createInterface } from 'node:readline';
import { z } from 'zod';
import { hashPassword, ROLES } from '../../lib/auth';
import { parseArgs } from '../args';

const input = z.object({
  name: z.string().regex(/^[^:,\s]{1,100}$/, 'user name: 1-100 characters, no spaces, commas or colons'),
  role: z.enum(ROLES),
});

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    // Scripts pipe the password in: `echo "$PASSWORD" | lookout user:add alice --role=operator`.
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text.split('\n')[0] ?? '';
  }
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      // Prompts go to stderr so `$(lookout user:add …)` captures only the entry.
      const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
      // Echo nothing while the password is typed.
      (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => undefined;
      process.stderr.write(question);
      rl.question('', (answer) => {
        rl.close();
        process.stderr.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('Password: ');
  const second = await ask('Repeat password: ');
  if (first !== second) throw new Error('the two passwords differ');
  return first;
}

/** `lookout user:add <name> [--role=viewer]`: prints a LOOKOUT_USERS entry with an scrypt hash. */
export async function userAdd(argv: string[]): Promise<void> {
  const { positionals, flags } = parseArgs(argv);
  const parsed = input.safeParse({ name: positionals[0], role: typeof flags.role === 'string' ? flags.role : 'viewer' });
  if (!parsed.success) {
    console.error(`usage: lookout user:add <name> [--role=viewer|operator|admin]\n${parsed.error.issues.map((issue) => issue.message).join('\n')}`);
    process.exitCode = 2;
    return;
  }
  const password = await readPassword();
  if (password.length < 8) {
    console.error('The password must have at least 8 characters.');
    process.exitCode = 2;
    return;
  }
  const line = `${parsed.data.name}:${parsed.data.role}:${await hashPassword(password)}`;
  console.log(line);
  if (process.stderr.isTTY) console.error('\nAdd this entry to LOOKOUT_USERS (comma-separated), and set NEXTAUTH_SECRET.');
}
