import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RunbookCommand {
  file: string;
  /** `ledger` or `bus:replay-dlq`: the npm script the line runs. */
  script: string;
  args: string[];
  text: string;
}

/** `npm run <script> -- …` in a code span or a code block, up to the closing backtick, a comment or the line's end. */
const COMMAND = /npm run (ledger|bus:replay-dlq) -- ([^`#\n]*)/g;

/** Splits like a POSIX shell for what runbooks contain: words, single and double quotes. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) words.push(match[1] ?? match[2] ?? match[3]);
  return words;
}

/** Every command line the runbooks tell an engineer to run through npm. */
export function runbookCommands(dir: string): RunbookCommand[] {
  const commands: RunbookCommand[] = [];
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const match of text.matchAll(COMMAND)) {
      commands.push({ file, script: match[1], args: shellWords(match[2].trim()), text: match[0].trim() });
    }
  }
  return commands;
}
