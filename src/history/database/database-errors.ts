/**
 * True when an error says the database cannot be reached or used right now (connection refused,
 * dropped or timed out, server shutting down, database gone), as opposed to a bug in a query.
 * Drizzle wraps driver errors, so the cause chain is searched.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      // SQLSTATE classes: 08 connection, 53 resources, 57 operator intervention, 3D no database,
      // 28 authorization; and Node's socket errors.
      if (/^(08|53|57|3D|28)/.test(code) || /^E[A-Z]+$/.test(code)) return true;
    }
    if (/connect|terminat|timeout|closed|not open|ended/i.test(e.message)) return true;
    e = e.cause;
  }
  return false;
}
