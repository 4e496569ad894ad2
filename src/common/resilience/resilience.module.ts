import { Global, Module } from '@nestjs/common';
import { BreakerRegistry } from './breaker-registry';

/** The breaker registry shared by the cache (Redis), the Ensemble client, the LLM client and health. */
@Global()
@Module({ providers: [BreakerRegistry], exports: [BreakerRegistry] })
export class ResilienceModule {}
