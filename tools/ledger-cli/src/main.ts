import { CommanderError } from 'commander';
import { errorLine, exitCodeOf } from './errors/errorLine';
import { buildProgram } from './program';

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    // A command may set its own exit code (a cancelled rebuild: 130).
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    // Messages name ids and codes only; stack traces stay out of operator output.
    process.stderr.write(`${errorLine(error, argv.includes('--json'))}\n`);
    return exitCodeOf(error);
  }
}

void main(process.argv).then((code) => {
  process.exitCode = code;
});
