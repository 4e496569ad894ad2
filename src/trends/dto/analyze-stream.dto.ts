import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { AnalyzeRequestDto } from './analyze.request.dto';
import { HashtagInsightDto } from './analyze.response.dto';

/** The /analyze body as query parameters; `limit` arrives as text and is read as a number. */
export class AnalyzeStreamQueryDto extends AnalyzeRequestDto {
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value,
  )
  override limit: number = 20;
}

/** `posts` event: how many of the creator's recent posts the analysis reads. */
export class AnalysisPostsEventDto {
  @ApiProperty({ example: 20 }) count!: number;
}

/** `hashtags` event: the niche hashtags picked, by whom, and why. */
export class AnalysisHashtagsEventDto {
  @ApiProperty({ type: [String], example: ['mealprep', 'dinnerideas'] }) hashtags!: string[];
  @ApiProperty({ enum: ['openai', 'local'] }) ai_source!: 'openai' | 'local';
  @ApiProperty({ type: [HashtagInsightDto] }) reasons!: HashtagInsightDto[];
}

/** `search` event: one per picked hashtag, when its search settles. */
export class AnalysisSearchEventDto {
  @ApiProperty({ example: 'mealprep' }) hashtag!: string;
  @ApiProperty({ enum: ['done', 'failed'] }) status!: 'done' | 'failed';
  @ApiProperty({ description: 'Videos the search returned (before filtering)', example: 30 })
  found!: number;
}
