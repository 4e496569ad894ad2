import { ApiProperty } from '@nestjs/swagger';

export class EnsembleUsageDto {
  @ApiProperty({ description: 'Ensemble units charged today (UTC), all instances', example: 42 })
  units!: number;

  @ApiProperty({
    description: 'Units by Ensemble endpoint',
    example: { '/tt/user/info': 3, '/tt/keyword/search': 25 },
    type: 'object',
    additionalProperties: { type: 'integer' },
  })
  by_endpoint!: Record<string, number>;

  @ApiProperty({
    description: 'ENSEMBLE_DAILY_UNIT_BUDGET; null = unlimited',
    example: 5000,
    nullable: true,
    type: Number,
  })
  daily_budget!: number | null;

  @ApiProperty({ description: 'Units left today; null = unlimited', nullable: true, type: Number })
  remaining!: number | null;
}

export class LlmUsageDto {
  @ApiProperty({ description: 'LLM tokens used today (UTC), all instances', example: 1800 })
  tokens!: number;
}

export class ClientUsageDto {
  @ApiProperty({ description: 'The calling client (the name in CLIENT_API_KEYS)', example: 'acme' })
  name!: string;

  @ApiProperty({ description: "Ensemble units charged for this client's requests today" })
  units!: number;

  @ApiProperty({ description: "LLM tokens used for this client's requests today" })
  llm_tokens!: number;

  @ApiProperty({
    description: 'CLIENT_DAILY_UNIT_BUDGET; null = unlimited',
    nullable: true,
    type: Number,
  })
  daily_budget!: number | null;

  @ApiProperty({ description: 'Units left today; null = unlimited', nullable: true, type: Number })
  remaining!: number | null;
}

export class UsageDto {
  @ApiProperty({ description: 'The UTC day counted', example: '2026-12-02' })
  day!: string;

  @ApiProperty({
    description: 'When the counts and budgets start over (UTC midnight)',
    example: '2026-12-03T00:00:00.000Z',
  })
  resets_at!: string;

  @ApiProperty({ type: EnsembleUsageDto })
  ensemble!: EnsembleUsageDto;

  @ApiProperty({ type: LlmUsageDto })
  llm!: LlmUsageDto;

  @ApiProperty({
    type: ClientUsageDto,
    nullable: true,
    description: "The calling client's own usage when CLIENT_API_KEYS is set; null otherwise",
  })
  client!: ClientUsageDto | null;
}
