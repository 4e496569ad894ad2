import { ApiProperty } from '@nestjs/swagger';

export class AnalysisSummaryDto {
  @ApiProperty({ format: 'uuid', example: '6f1c2d3e-4b5a-4c6d-8e7f-901234567890' }) id!: string;
  @ApiProperty({ example: '2026-11-28T12:00:00.000Z' }) analyzed_at!: string;
  @ApiProperty({ enum: ['openai', 'local'] }) ai_source!: string;
  @ApiProperty({ type: [String], example: ['mealprep', 'dinnerideas'] }) hashtags!: string[];
  @ApiProperty({ example: 20 }) trend_count!: number;
  @ApiProperty({ example: 13 }) units_charged!: number;
}

export class CreatorAnalysesResponseDto {
  @ApiProperty({ type: [AnalysisSummaryDto], description: 'Newest first' })
  analyses!: AnalysisSummaryDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'MTc5NjAwMDAwMDAwMC42ZjFjMmQzZS00YjVhLTRjNmQtOGU3Zi05MDEyMzQ1Njc4OTA',
    description: 'Pass as `cursor` for the next page',
  })
  next_cursor!: string | null;
}

export class VideoObservationDto {
  @ApiProperty({ example: '2026-11-28T12:00:00.000Z' }) observed_at!: string;
  @ApiProperty() views!: number;
  @ApiProperty() likes!: number;
  @ApiProperty() comments!: number;
  @ApiProperty() shares!: number;
  @ApiProperty() favorites!: number;
}

export class VideoHistoryResponseDto {
  @ApiProperty({ example: '7301234567890123456' }) id!: string;
  @ApiProperty({ type: [VideoObservationDto], description: 'Oldest first' })
  observations!: VideoObservationDto[];
}

export class HashtagDayDto {
  @ApiProperty({ example: '2026-11-28', description: 'UTC day' }) date!: string;
  @ApiProperty({ description: 'Distinct videos observed under the hashtag that day' })
  videos!: number;
  @ApiProperty({ description: 'Their views summed, each at its last observation that day' })
  views!: number;
}

export class HashtagHistoryResponseDto {
  @ApiProperty({ example: 'mealprep' }) hashtag!: string;
  @ApiProperty({ type: [HashtagDayDto], description: 'Every day of the range, oldest first' })
  points!: HashtagDayDto[];
}
