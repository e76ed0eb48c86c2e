import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { replayDlqProgram } from '@ledger/bus';
import { knownProjections } from '../commands/knownProjections';
import { buildProgram } from '../program';
import { runbookCommands, shellWords } from './runbookCommands';

const RUNBOOKS = join(__dirname, '..', '..', '..', '..', 'runbooks');

interface Parsed {
  path: string[];
  positionals: string[];
  options: Record<string, unknown>;
}

/** Replaces every action with one that records what commander parsed, so nothing runs. */
function recording(program: Command, sink: Parsed[]): Command {
  const visit = (command: Command, path: string[]) => {
    command.exitOverride().configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
    if (command.commands.length === 0) {
      command.action((...args: unknown[]) => {
        const positionals = args.slice(0, command.registeredArguments.length);
        sink.push({
          path,
          positionals: positionals.filter((p): p is string => typeof p === 'string'),
          options: command.opts(),
        });
      });
    }
    for (const sub of command.commands) visit(sub, [...path, sub.name()]);
  };
  visit(program, []);
  return program;
}

/** What a runbook writes where the engineer fills in a value: `P`, `N`, `<org>`. */
const isPlaceholder = (value: string) => /^[A-Z]$/.test(value) || /^<[^>]+>$/.test(value);

async function parse(script: string, args: string[]): Promise<Parsed> {
  const sink: Parsed[] = [];
  const program = recording(script === 'ledger' ? buildProgram() : replayDlqProgram(), sink);
  try {
    await program.parseAsync(['node', script, ...args]);
  } catch (error) {
    // `--help` is a valid line: commander reports it by throwing with exit code 0.
    if (error instanceof CommanderError && error.code === 'commander.helpDisplayed') {
      return { path: ['--help'], positionals: [], options: {} };
    }
    throw error;
  }
  if (sink.length !== 1) throw new Error(`no command ran for: ${args.join(' ')}`);
  return sink[0];
}

describe('the runbooks’ command lines', () => {
  const commands = runbookCommands(RUNBOOKS);
  const known = new Set(
    knownProjections()
      .list()
      .map((definition) => definition.name),
  );

  it('are found in every runbook', () => {
    expect(new Set(commands.map((command) => command.file))).toEqual(
      new Set(['alerts.md', 'multi-node.md', 'rebuild-projection.md', 'restore-fork.md', 'restore.md']),
    );
    expect(commands.length).toBeGreaterThanOrEqual(8);
  });

  it.each(commands.map((command) => [`${command.file}: ${command.text}`, command] as const))(
    'parse against the CLI: %s',
    async (_title, command) => {
      expect(command.args).not.toContain('…');
      const parsed = await parse(command.script, command.args);
      if (command.script === 'ledger' && parsed.path[0] === 'projections') {
        const named = [parsed.positionals[0], parsed.options.projection].filter(
          (v): v is string => typeof v === 'string',
        );
        for (const name of named) if (!isPlaceholder(name)) expect(known).toContain(name);
      }
    },
  );

  it('list every projection the CLI knows, by name', () => {
    const text = readFileSync(join(RUNBOOKS, 'rebuild-projection.md'), 'utf8');
    for (const name of known) expect(text).toContain(`| \`${name}\``);
  });

  it('would catch a stale line', async () => {
    await expect(parse('ledger', shellWords('projections rebuild --org O'))).resolves.toMatchObject({
      path: ['projections', 'rebuild'],
    });
    await expect(parse('ledger', shellWords('projections rebuild P --org O --fast'))).rejects.toBeInstanceOf(
      CommanderError,
    );
    await expect(parse('ledger', shellWords('projection list'))).rejects.toBeInstanceOf(CommanderError);
    await expect(parse('bus:replay-dlq', shellWords('--event-id x'))).rejects.toBeInstanceOf(CommanderError);
  });

  it('split words as a shell does', () => {
    expect(shellWords(`skip P --reason "INC-123: malformed amount" --seq 'N'`)).toEqual([
      'skip',
      'P',
      '--reason',
      'INC-123: malformed amount',
      '--seq',
      'N',
    ]);
  });
});
