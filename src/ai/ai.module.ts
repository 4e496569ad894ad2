import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ResilienceModule } from '../common/resilience/resilience.module';
import { resilienceConfig } from '../config/configuration';
import { UsageModule } from '../rate-limit/usage.module';
import { AiService } from './ai.service';
import { LlmCallPolicy } from './llm-call.policy';
import { OpenAiHashtagClient } from './openai-hashtag.client';

/**
 * The client is provided unconditionally: without a key it builds no SDK instance and is never
 * called, which keeps DI free of conditional factories. Only AiService is exported, so no other
 * module can reach the LLM directly; health and metrics read the client through AiService
 * (`lastOutcome()`, `onLlmCall()`).
 */
@Module({
  imports: [ConfigModule.forFeature(resilienceConfig), ResilienceModule, UsageModule],
  providers: [LlmCallPolicy, OpenAiHashtagClient, AiService],
  exports: [AiService],
})
export class AiModule {}
