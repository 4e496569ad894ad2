import type { HttpResult } from '../http';

/** The /health report as the API returns it. */
export interface HealthBody {
  status: string;
  timestamp: string;
  version: string;
  services: { cache: string; ensemble_api: string; openai_api: string };
  mode: { tiktok: string; ai: string };
  details: Record<string, { status?: string; [key: string]: unknown }>;
}

export function healthBody(res: HttpResult): HealthBody {
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  return res.body as HealthBody;
}
