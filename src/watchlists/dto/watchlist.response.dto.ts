import { ApiProperty } from '@nestjs/swagger';

export const EXAMPLE_WATCHLIST_ID = '3f6c1a52-8d4e-4b7a-9c21-5e8f0a7b6d43';
const EXAMPLE_RUN_ID = '9b2e7c10-4f3a-4d8e-b6a1-2c5d8e9f0a13';
const EXAMPLE_DELIVERY_ID = 'c41d8e2f-7a9b-4c3d-8e5f-6a7b8c9d0e1f';
const EXAMPLE_ANALYSIS_ID = '6f1c2d3e-4b5a-4c6d-8e7f-901234567890';
const EXAMPLE_TIME = '2026-11-28T12:00:00.000Z';
export const EXAMPLE_WEBHOOK_URL = 'https://203.0.113.10/hooks/trendxl';

export class WatchlistDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_WATCHLIST_ID }) id!: string;
  @ApiProperty({ example: 'Cooking rivals' }) name!: string;
  @ApiProperty({ type: [String], example: ['demo_cooking_carlos', 'demo_fitness_fiona'] })
  creators!: string[];
  @ApiProperty({ example: 360 }) interval_minutes!: number;
  @ApiProperty({ type: String, nullable: true, example: EXAMPLE_WEBHOOK_URL })
  webhook_url!: string | null;
  @ApiProperty({ example: 40 }) min_score!: number;
  @ApiProperty({ enum: ['new', 'always'] }) notify!: 'new' | 'always';
  @ApiProperty({ example: EXAMPLE_TIME }) created_at!: string;
  @ApiProperty({ example: EXAMPLE_TIME }) updated_at!: string;
}

export class CreatedWatchlistDto extends WatchlistDto {
  @ApiProperty({
    description:
      'Signing secret of the webhooks (HMAC-SHA256). Returned only here, once: store it now.',
    example: 'whsec_3q2-7wLx…',
  })
  webhook_secret!: string;
}

export class WatchlistListDto {
  @ApiProperty({ type: [WatchlistDto] }) watchlists!: WatchlistDto[];
}

export class RunAcceptedDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_RUN_ID }) run_id!: string;
}

export class RunCreatorDto {
  @ApiProperty({ example: 'demo_cooking_carlos' }) username!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    example: EXAMPLE_ANALYSIS_ID,
    description: 'The stored analysis (GET /api/v1/analyses/{id})',
  })
  analysis_id!: string | null;
  @ApiProperty({
    example: 2,
    description: 'How many trends were new (is_new and score ≥ min_score)',
  })
  new_trends!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Error code when this creator failed',
  })
  error_code!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) error!: string | null;
}

export class RunDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_RUN_ID }) id!: string;
  @ApiProperty({ enum: ['schedule', 'manual'] }) trigger!: 'schedule' | 'manual';
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] })
  status!: 'queued' | 'running' | 'completed' | 'failed';
  @ApiProperty({ example: EXAMPLE_TIME }) queued_at!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-28T12:00:01.000Z' })
  started_at!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-28T12:00:09.000Z' })
  finished_at!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why the run failed' })
  error!: string | null;
  @ApiProperty({ type: [RunCreatorDto] }) creators!: RunCreatorDto[];
}

export class RunListDto {
  @ApiProperty({ type: [RunDto] }) runs!: RunDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Pass as cursor for the next page; null on the last page',
  })
  next_cursor!: string | null;
}

export class DeliveryDto {
  @ApiProperty({
    format: 'uuid',
    example: EXAMPLE_DELIVERY_ID,
    description: 'Sent as X-TrendXL-Delivery; the same on every retry',
  })
  delivery_id!: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_RUN_ID }) run_id!: string;
  @ApiProperty({ example: 1 }) attempt!: number;
  @ApiProperty({ example: EXAMPLE_TIME }) attempted_at!: string;
  @ApiProperty({ type: Number, nullable: true, example: 200 }) status_code!: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Timeout, network error or refused address (null when an HTTP status came back)',
  })
  error!: string | null;
  @ApiProperty({ example: 42 }) duration_ms!: number;
}

export class DeliveryListDto {
  @ApiProperty({ type: [DeliveryDto] }) deliveries!: DeliveryDto[];
}
