/** Node socket errors: the database (or network) is unreachable, not the message at fault. */
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);

/**
 * SQLSTATE classes of an unavailable database: 08 connection exception, 53 insufficient
 * resources, 57 operator intervention (shutdown, crash), 58 system error. 57014 (query
 * cancelled, e.g. a statement timeout) is left out: a message can cause that every time.
 */
const UNAVAILABLE_SQLSTATE = /^(08|53|57|58)[0-9A-Z]{3}$/;

/** pg reports a dropped connection without a code. */
const DROPPED_CONNECTION = /Connection terminated|connection timeout|Client has encountered a connection error/i;

/**
 * True when a failure says the infrastructure is down rather than the message is bad. Such a
 * failure must not count towards dead-lettering: during a database outage every healthy message
 * would otherwise end in the DLQ. The consumer lets Kafka redeliver instead.
 */
export function isInfrastructureFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (CONNECTION_ERRORS.has(code)) return true;
    if (code !== '57014' && UNAVAILABLE_SQLSTATE.test(code)) return true;
  }
  return error instanceof Error && DROPPED_CONNECTION.test(error.message);
}

/**
 * A failure described by its type and code only. Messages are left out on purpose: handler and
 * driver messages quote data ("invalid input syntax for type uuid: …"), and this text goes to
 * DLQ headers and logs.
 */
export function describeFailure(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' || typeof code === 'number' ? `${name} (${String(code)})` : name;
}
