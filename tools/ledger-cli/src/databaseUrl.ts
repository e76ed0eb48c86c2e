/** Operator commands act on the database named by DATABASE_URL; they never start one. */
export function requireDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: point it at the ledger database');
  return url;
}
