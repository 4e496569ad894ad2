/**
 * The app as `bench:cache` runs it: the real AppModule and configureApp, in a process of its own
 * (so its RSS is its own and the load generator does not share its event loop), plus one extra
 * route, POST /bench/bare, that answers the very JSON the cached profile answers without
 * validation, cache lookup or mapping. Both routes pass the same middleware, global guard (the
 * rate limiter), interceptors, filter and access log.
 *
 * Environment: whatever the bench sets (REDIS_URL, LOG_LEVEL, limits) and BENCH_USERNAME, the
 * profile that is warmed and captured before "listening on <url>" is printed on stderr.
 */
import { Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/bootstrap/configure-app';

/** The cached profile as parsed JSON, captured after warming; what the bare route answers. */
let snapshot: unknown = null;

@Controller('bench')
class BareController {
  @Post('bare')
  @HttpCode(200)
  bare(): unknown {
    return snapshot;
  }
}

@Module({ imports: [AppModule], controllers: [BareController] })
class BenchModule {}

async function postProfile(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/profile`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`profile answered ${res.status}: ${body.slice(0, 200)}`);
  return body;
}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(BenchModule, {
    bodyParser: false,
    bufferLogs: true,
  });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const username = process.env.BENCH_USERNAME ?? 'demo_cooking_carlos';
  await postProfile(url, username);
  snapshot = JSON.parse(await postProfile(url, username)) as unknown;
  const stop = () => {
    void app.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stderr.write(`listening on ${url}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench server failed: ${String(error)}\n`);
  process.exit(1);
});
