import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export interface LaunchedCommand {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code, or the signal that ended the process. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** Runs a command with its output collected; `detached` puts it in a process group of its own, as a shell's job. */
export function launchCommand(
  command: string,
  args: string[],
  options: Pick<SpawnOptions, 'cwd' | 'env' | 'detached'>,
): LaunchedCommand {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: string[] = [];
  const err: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return { child, stdout: () => out.join(''), stderr: () => err.join(''), exited };
}

export async function waitForOutput(launched: LaunchedCommand, text: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!launched.stdout().includes(text)) {
    const output = `${launched.stdout()}\n${launched.stderr()}`;
    if (launched.child.exitCode !== null || launched.child.signalCode !== null)
      throw new Error(`exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" in time:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
