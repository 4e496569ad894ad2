import { Inject, Injectable, Logger } from '@nestjs/common';
import { openaiConfig, type OpenAiConfig } from '../config/configuration';
import { AiUpstreamError } from './ai-upstream.error';
import { InvalidAiAnswerError, parseHashtagAnswer } from './hashtag-answer';
import { evidencePostIds } from './hashtag-evidence';
import type { HashtagPick, HashtagPickInput } from './hashtag-pick';
import { HASHTAG_ANSWER_FORMAT, buildHashtagPrompt } from './hashtag-prompt';
import { LOCAL_EXTRACTOR_MODEL, extractLocalHashtags } from './local-hashtag-extractor';
import { OpenAiHashtagClient } from './openai-hashtag.client';

/**
 * Picks a creator's 5 niche hashtags: the LLM when a key is configured, otherwise (or whenever the
 * LLM fails, times out or answers invalidly) the deterministic local extractor. Never throws for
 * an LLM problem; the pick says which source decided and, after a fallback, why.
 */
@Injectable()
export class AiService {
  private readonly logger = new Logger(AiService.name);

  constructor(
    @Inject(openaiConfig.KEY) private readonly config: OpenAiConfig,
    private readonly client: OpenAiHashtagClient,
  ) {}

  get mode(): 'openai' | 'local' {
    return this.config.mode === 'openai' && this.client.configured ? 'openai' : 'local';
  }

  /** The configured LLM model, or 'local-extractor' without a key. */
  get model(): string {
    return this.mode === 'openai' ? this.config.model : LOCAL_EXTRACTOR_MODEL;
  }

  async pickHashtags(input: HashtagPickInput): Promise<HashtagPick> {
    if (this.mode !== 'openai') return this.localPick(input, [], 0);
    let tokens = 0;
    try {
      const completion = await this.client.suggest(
        buildHashtagPrompt(input),
        HASHTAG_ANSWER_FORMAT,
      );
      tokens = completion.tokens;
      const suggestions = parseHashtagAnswer(completion.content);
      return {
        hashtags: suggestions.map((s) => s.hashtag),
        insights: suggestions.map((s) => ({
          hashtag: s.hashtag,
          reason: s.reason,
          evidencePostIds: evidencePostIds(s.hashtag, input.posts),
        })),
        source: 'openai',
        model: completion.model,
        warnings: [],
        llmTokens: tokens,
      };
    } catch (error) {
      const category = failureCategory(error);
      // Only categories and our own validation text are logged: never the key or a raw body.
      const detail = error instanceof InvalidAiAnswerError ? `: ${error.reason}` : '';
      const status =
        error instanceof AiUpstreamError && error.status ? ` HTTP ${error.status}` : '';
      this.logger.warn(
        `AI hashtag selection failed (${category}${status}${detail}); using the local extractor`,
      );
      return this.localPick(
        input,
        [`AI hashtag selection failed (${category}); used the local extractor`],
        tokens,
      );
    }
  }

  private localPick(input: HashtagPickInput, warnings: string[], llmTokens: number): HashtagPick {
    const local = extractLocalHashtags(input);
    return {
      hashtags: local.hashtags,
      insights: local.insights,
      source: 'local',
      model: LOCAL_EXTRACTOR_MODEL,
      warnings,
      llmTokens,
    };
  }
}

function failureCategory(error: unknown): string {
  if (error instanceof AiUpstreamError) return error.reason;
  if (error instanceof InvalidAiAnswerError) return 'invalid_answer';
  return 'unexpected';
}
