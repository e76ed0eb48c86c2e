/** Reports whether this process can serve: the database answers and its workers go round. */
export interface Readiness {
  check(): Promise<{ ready: boolean; checks: Record<string, unknown> }>;
}
