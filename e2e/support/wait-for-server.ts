import type { ChildProcess } from 'node:child_process';

export interface WaitForServerOptions {
  /** Names the process in errors, e.g. "next start". */
  name: string;
  timeoutMs: number;
  /** Which answers count as up; any answer by default. */
  ok?: (status: number) => boolean;
}

/**
 * Polls `url` until the server that `child` runs answers. A server that exits first (no build, say) will never answer,
 * so that fails at once instead of after the timeout.
 */
export async function waitForServer(url: string, child: ChildProcess, { name, timeoutMs, ok = () => true }: WaitForServerOptions): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before ${url} answered (is there a build? run npx next build)`);
    try {
      if (ok((await fetch(url)).status)) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name}: ${url} did not answer within ${timeoutMs} ms`);
}
