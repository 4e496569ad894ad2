import { Controller, Get } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import request from 'supertest';
import type { App } from 'supertest/types';
import { RedisThrottlerStorage } from '../../src/cache/redis-throttler.storage';
import { startRedis, type RedisInstance } from '../support/redis-harness';
import { createCacheApp, type CacheTestApp } from '../support/cache/cache-testing';

@Controller('api/v1/ping')
class PingController {
  @Get()
  ping(): { ok: true } {
    return { ok: true };
  }
}

/** The wiring AppModule is expected to use: the global guard with the Redis storage. */
const throttling = {
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [RedisThrottlerStorage],
      useFactory: (storage: RedisThrottlerStorage) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: 3 }],
        storage,
      }),
    }),
  ],
  controllers: [PingController],
  providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
};

describe('ThrottlerGuard with the Redis storage, over HTTP', () => {
  let redis: RedisInstance;
  let a: CacheTestApp;
  let b: CacheTestApp;

  beforeAll(async () => {
    redis = await startRedis();
    a = await createCacheApp({ REDIS_URL: redis.url }, throttling);
    b = await createCacheApp({ REDIS_URL: redis.url }, throttling);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  it('shares one limit between two instances and answers 429 in the error envelope', async () => {
    const servers = [a, b, a].map((t) => t.app.getHttpServer() as App);
    for (const server of servers) await request(server).get('/api/v1/ping').expect(200);
    const res = await request(b.app.getHttpServer() as App)
      .get('/api/v1/ping')
      .expect(429);
    expect(res.body).toEqual({ error: 'Too many requests, slow down', code: 'RATE_LIMITED' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
