/** Reports whether the process can serve: the database answers and no projection has failed. */
export interface Readiness {
  check(): Promise<{ ready: boolean; checks: Record<string, unknown> }>;
}
