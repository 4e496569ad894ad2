import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class WatchlistDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Cooking rivals' }) name!: string;
  @ApiProperty({ type: [String], example: ['chef_maya', 'demo_cooking_carlos'] })
  creators!: string[];
  @ApiProperty({ example: 360 }) interval_minutes!: number;
  @ApiProperty({ type: String, nullable: true, example: 'https://hooks.example.com/trendxl' })
  webhook_url!: string | null;
  @ApiProperty({ example: 0 }) min_score!: number;
  @ApiProperty({ enum: ['new', 'always'] }) notify!: 'new' | 'always';
  @ApiProperty({ example: '2026-11-28T12:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-11-28T12:00:00.000Z' }) updated_at!: string;
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
  @ApiProperty({ format: 'uuid' }) run_id!: string;
}

export class RunCreatorDto {
  @ApiProperty({ example: 'chef_maya' }) username!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The stored analysis (GET /api/v1/analyses/{id})',
  })
  analysis_id!: string | null;
  @ApiProperty({ description: 'How many trends were new (is_new and score ≥ min_score)' })
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
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['schedule', 'manual'] }) trigger!: 'schedule' | 'manual';
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] })
  status!: 'queued' | 'running' | 'completed' | 'failed';
  @ApiProperty() queued_at!: string;
  @ApiProperty({ type: String, nullable: true }) started_at!: string | null;
  @ApiProperty({ type: String, nullable: true }) finished_at!: string | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: [RunCreatorDto] }) creators!: RunCreatorDto[];
}

export class RunListDto {
  @ApiProperty({ type: [RunDto] }) runs!: RunDto[];
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page',
  })
  next_cursor!: string | null;
}

export class DeliveryDto {
  @ApiProperty({
    format: 'uuid',
    description: 'Sent as X-TrendXL-Delivery; the same on every retry',
  })
  delivery_id!: string;
  @ApiProperty({ format: 'uuid' }) run_id!: string;
  @ApiProperty({ example: 1 }) attempt!: number;
  @ApiProperty() attempted_at!: string;
  @ApiProperty({ type: Number, nullable: true, example: 200 }) status_code!: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Timeout, network error or refused address',
  })
  error!: string | null;
  @ApiProperty({ example: 42 }) duration_ms!: number;
}

export class DeliveryListDto {
  @ApiProperty({ type: [DeliveryDto] }) deliveries!: DeliveryDto[];
}
