/**
 * The matched route pattern of a finished request (`/api/v1/profile`), or 'unmatched'. Never the
 * raw URL, so metric labels and log fields stay bounded and free of user input.
 */
export function routePattern(request: object): string {
  // Express adds `route` and `baseUrl` to the request once a handler matched.
  const req = request as { route?: { path?: unknown }; baseUrl?: unknown };
  const path = req.route?.path;
  // A catch-all pattern is our own middleware's registration, not a matched handler.
  if (typeof path !== 'string' || path.includes('*')) return 'unmatched';
  return `${typeof req.baseUrl === 'string' ? req.baseUrl : ''}${path}`;
}
