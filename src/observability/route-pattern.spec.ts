import { routePattern } from './route-pattern';

describe('routePattern', () => {
  it('joins the base URL and the matched path', () => {
    expect(routePattern({ route: { path: '/api/v1/profile' }, baseUrl: '' })).toBe(
      '/api/v1/profile',
    );
    expect(routePattern({ route: { path: '/stats' }, baseUrl: '/api/v1/cache' })).toBe(
      '/api/v1/cache/stats',
    );
  });

  it("calls unmatched requests and catch-all middleware registrations 'unmatched'", () => {
    expect(routePattern({})).toBe('unmatched');
    expect(routePattern({ route: { path: '/{*path}' } })).toBe('unmatched');
  });
});
