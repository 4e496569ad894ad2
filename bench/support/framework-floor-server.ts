/**
 * The framework's own floor for `bench:cache`: NestJS 11 on Express with nestjs-pino's access
 * log at `info`, one POST route answering a fixed JSON body (BENCH_BODY), nothing of TrendXL. Its
 * RSS under the same load is what any service built on this stack pays before its own code.
 */
import { Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';

const body: unknown = JSON.parse(process.env.BENCH_BODY ?? '{}');

@Controller('bench')
class FloorController {
  @Post('bare')
  @HttpCode(200)
  bare(): unknown {
    return body;
  }
}

@Module({
  imports: [LoggerModule.forRoot({ pinoHttp: { level: 'info' } })],
  controllers: [FloorController],
})
class FloorModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(FloorModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  const stop = () => {
    void app.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.stderr.write(`listening on ${(await app.getUrl()).replace('[::1]', '127.0.0.1')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`floor server failed: ${String(error)}\n`);
  process.exit(1);
});
