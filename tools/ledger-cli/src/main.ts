import { CommanderError } from 'commander';
import { buildProgram } from './program';

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    // Messages name ids and codes only; stack traces stay out of operator output.
    const code = (error as { code?: unknown }).code;
    process.stderr.write(
      `ledger: ${code ? `${String(code)}: ` : ''}${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
}

void main(process.argv).then((code) => {
  process.exitCode = code;
});
