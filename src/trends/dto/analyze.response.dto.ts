import { MediaUrlProperty } from '../../tiktok/dto/media-url.property';
import { TREND_SCORE_WEIGHTS } from '../trend-score';
import { ApiProperty } from '@nestjs/swagger';
import { IMAGES, PostDto, ProfileResponseDto } from '../../tiktok/dto/tiktok.response.dto';

export class HashtagInsightDto {
  @ApiProperty({ example: 'mealprep' }) hashtag!: string;
  @ApiProperty({ example: 'Used in 7 of 20 posts with 4.1% average engagement' }) reason!: string;
  @ApiProperty({
    type: [String],
    description: 'Ids of the creator posts behind the pick',
    example: ['7301234567890123456'],
  })
  evidence_posts!: string[];
}

export class TrendAuthorDto {
  @ApiProperty({ example: 'prep_with_pat' }) username!: string;
  @MediaUrlProperty('avatar')
  avatar_url!: string | null;
  @ApiProperty({ example: false }) is_verified!: boolean;
}

/** One number per score component (weights, or the points each contributed). */
export class ScoreComponentsDto {
  @ApiProperty() velocity!: number;
  @ApiProperty() engagement!: number;
  @ApiProperty() reach!: number;
  @ApiProperty() freshness!: number;
}

export class ScoreBreakdownDto {
  @ApiProperty({ description: 'Velocity component, 0..1', example: 0.6025 }) velocity!: number;
  @ApiProperty({ description: 'Smoothed engagement component, 0..1', example: 0.5 })
  engagement!: number;
  @ApiProperty({ description: 'Reach beyond the author audience, 0..1', example: 0.5 })
  reach!: number;
  @ApiProperty({ description: 'Freshness component, 0..1', example: 0.4133 }) freshness!: number;
  @ApiProperty({
    type: ScoreComponentsDto,
    description: 'Weights applied to the components',
    example: TREND_SCORE_WEIGHTS,
  })
  weights!: ScoreComponentsDto;
  @ApiProperty({
    type: ScoreComponentsDto,
    description: 'Score points each component contributed (they add up to trend_score)',
    example: { velocity: 24.1, engagement: 12.5, reach: 10, freshness: 6.2 },
  })
  points!: ScoreComponentsDto;
  @ApiProperty() views_per_hour!: number;
  @ApiProperty({
    enum: ['observed', 'lifetime'],
    description:
      'observed: views gained since an earlier stored observation (15 min to 48 h ago) per hour; ' +
      'lifetime: views / age',
  })
  velocity_source!: 'observed' | 'lifetime';
  @ApiProperty({ description: '(likes + comments + shares) / views' }) engagement_rate!: number;
  @ApiProperty({ description: 'Prior-smoothed weighted engagement rate used by the score' })
  smoothed_engagement_rate!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'views / followers; null if unknown' })
  reach_ratio!: number | null;
  @ApiProperty() age_hours!: number;
}

export class TrendDto {
  @ApiProperty({ example: '7301234567890123456' }) id!: string;
  @ApiProperty({ example: 'Prep five lunches in 20 minutes #mealprep' }) caption!: string;
  @ApiProperty() views!: number;
  @ApiProperty() likes!: number;
  @ApiProperty() comments!: number;
  @ApiProperty() shares!: number;
  @ApiProperty({ example: '2026-11-26T09:00:00.000Z' }) create_time!: string;
  @MediaUrlProperty('video')
  video_url!: string | null;
  @MediaUrlProperty('cover')
  cover_image_url!: string | null;
  @ApiProperty(IMAGES) images!: string[];
  @ApiProperty({
    description: 'The highest-ranked niche hashtag this video was found under',
    example: 'mealprep',
  })
  hashtag!: string;
  @ApiProperty({ type: TrendAuthorDto }) author!: TrendAuthorDto;
  @ApiProperty({ type: [String], example: ['mealprep', 'lunchideas'] })
  matched_hashtags!: string[];
  @ApiProperty({ example: 'https://www.tiktok.com/@prep_with_pat/video/7301234567890123456' })
  tiktok_url!: string;
  @ApiProperty({ description: '(likes + comments + shares) / views', example: 0.084 })
  engagement_rate!: number;
  @ApiProperty({ example: 5120.5 }) views_per_hour!: number;
  @ApiProperty({ example: 30.2 }) age_hours!: number;
  @ApiProperty({ description: '0..100, see the README for the formula', example: 52.8 })
  trend_score!: number;
  @ApiProperty({ type: ScoreBreakdownDto }) score_breakdown!: ScoreBreakdownDto;
  @ApiProperty({
    type: Object,
    nullable: true,
    example: { title: 'original sound', author: 'Pat' },
  })
  music!: { title: string; author: string } | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-11-27T08:00:00.000Z',
    description: 'When TrendXL first observed the video; null when history is unavailable',
  })
  first_seen_at!: string | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description:
      "true: not in this creator's previous analysis; false: it was; null: no previous analysis",
  })
  is_new!: boolean | null;
}

export class DroppedDto {
  @ApiProperty() too_old!: number;
  @ApiProperty() low_views!: number;
  @ApiProperty() duplicate!: number;
  @ApiProperty() own_video!: number;
  @ApiProperty() ad!: number;
  @ApiProperty() author_cap!: number;
}

export class AnalyzeMetaDto {
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    example: '6f1c2d3e-4b5a-4c6d-8e7f-901234567890',
    description: 'Id of the stored analysis (GET /api/v1/analyses/{id}); null when history is off',
  })
  analysis_id!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-11-27T12:00:00.000Z',
    description: 'When the previous analysis of this creator (what is_new compares with) was made',
  })
  previous_analysis_at!: string | null;
  @ApiProperty({ enum: ['openai', 'local'] }) ai_source!: 'openai' | 'local';
  @ApiProperty({ example: 'gpt-4o-mini' }) ai_model!: string;
  @ApiProperty({ enum: ['live', 'demo'] }) data_source!: 'live' | 'demo';
  @ApiProperty({ enum: ['HIT', 'MISS'] }) cache!: 'HIT' | 'MISS';
  @ApiProperty({ example: 1840 }) duration_ms!: number;
  @ApiProperty({ description: 'Ensemble calls made for this request (0 when cached)' })
  upstream_calls!: number;
  @ApiProperty({ description: 'Ensemble units charged for this request' }) units_charged!: number;
  @ApiProperty({ description: 'LLM tokens used for this request' }) llm_tokens!: number;
  @ApiProperty({
    type: [String],
    example: ['AI hashtag selection failed (timeout); used the local extractor'],
  })
  warnings!: string[];
  @ApiProperty({ description: 'True when some hashtag searches failed' }) partial!: boolean;
  @ApiProperty({ type: DroppedDto }) dropped!: DroppedDto;
  @ApiProperty({ example: '2026-11-28T12:00:00.000Z' }) generated_at!: string;
}

export class AnalyzeResponseDto {
  @ApiProperty({ type: ProfileResponseDto }) profile!: ProfileResponseDto;
  @ApiProperty({ type: [PostDto] }) posts!: PostDto[];
  @ApiProperty({
    type: [String],
    example: ['mealprep', 'dinnerideas', 'onepanmeals', 'easyrecipes', 'healthyeating'],
  })
  hashtags!: string[];
  @ApiProperty({ type: [HashtagInsightDto] }) hashtag_insights!: HashtagInsightDto[];
  @ApiProperty({ type: [TrendDto] }) trends!: TrendDto[];
  @ApiProperty({ example: 'Analysed 20 posts by @demo_cooking_carlos ...' })
  analysis_summary!: string;
  @ApiProperty({ type: AnalyzeMetaDto }) meta!: AnalyzeMetaDto;
}
