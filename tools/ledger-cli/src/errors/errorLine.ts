import { CliError } from './cliError';

export interface ErrorReport {
  code: string | null;
  message: string;
}

/**
 * The code and message of a thrown value, the message on one line and without the code when a
 * library already put it in front (operators read the code once).
 */
export function reportOf(error: unknown): ErrorReport {
  const raw = (error as { code?: unknown } | null)?.code;
  const code = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : null;
  let message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').trim();
  if (code !== null && message.startsWith(`${code}: `)) message = message.slice(code.length + 2);
  return { code, message };
}

/** What stderr gets: `ledger: CODE: message`, or one JSON object for scripts. */
export function errorLine(error: unknown, json: boolean): string {
  const report = reportOf(error);
  if (json) return JSON.stringify({ type: 'error', ...report });
  return `ledger: ${report.code === null ? '' : `${report.code}: `}${report.message}`;
}

/** 2 for what the operator named or typed, 1 for everything else. */
export function exitCodeOf(error: unknown): number {
  return error instanceof CliError ? error.exitCode : 1;
}
