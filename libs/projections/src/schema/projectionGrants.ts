/** The projection runner's bookkeeping, shared by every service's projections: a service role runs them. */
export function projectionGrantsSql(role: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`role "${role}" is not valid in generated SQL`);
  return `GRANT SELECT, INSERT, UPDATE, DELETE ON projection_state, projection_checkpoints, projection_rebuilds TO ${role};\n`;
}
