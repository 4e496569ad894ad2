import type { HealthReport } from '../../../src/health/health.service';
import type { HttpResult } from '../http';

export function healthBody(res: HttpResult): HealthReport {
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  return res.body as HealthReport;
}
