import { Module } from '@nestjs/common';
import { ResilienceModule } from '../common/resilience/resilience.module';
import { UsageModule } from '../rate-limit/usage.module';
import { AiService } from './ai.service';
import { LlmCallPolicy } from './llm-call.policy';
import { OpenAiHashtagClient } from './openai-hashtag.client';

/**
 * The client is provided unconditionally: without a key it builds no SDK instance and is never
 * called, which keeps DI free of conditional factories. Only AiService is exported, so no other
 * module can reach the LLM directly; health and metrics read its calls from the
 * UpstreamCallRecorder.
 */
@Module({
  imports: [ResilienceModule, UsageModule],
  providers: [LlmCallPolicy, OpenAiHashtagClient, AiService],
  exports: [AiService],
})
export class AiModule {}
