import { ApiProperty } from '@nestjs/swagger';
import { CACHE_KINDS, type CacheKind } from '../cache-key';
import type { CacheBackend } from '../redis-connection';

export class CacheStatsDto {
  @ApiProperty({ description: 'Whether responses are cached at all', example: true })
  enabled!: boolean;

  @ApiProperty({ enum: ['redis', 'cluster', 'memory'], example: 'redis' })
  backend!: CacheBackend;

  @ApiProperty({ description: 'Whether the backend answers right now', example: true })
  connected!: boolean;

  @ApiProperty({ description: 'Entries under trendxl:v2: (counted with SCAN)', example: 42 })
  total_keys!: number;

  @ApiProperty({
    description: 'Entries per kind',
    example: { profile: 10, posts: 12, hashtag: 8, users: 2, analysis: 10 },
    type: 'object',
    properties: Object.fromEntries(CACHE_KINDS.map((k) => [k, { type: 'integer' }])),
  })
  keys_by_kind!: Record<CacheKind, number>;

  @ApiProperty({ description: 'Lookups served from the cache by this instance', example: 120 })
  hits!: number;

  @ApiProperty({ description: 'Lookups that went upstream on this instance', example: 40 })
  misses!: number;

  @ApiProperty({ description: 'hits / (hits + misses); 0 before any lookup', example: 0.75 })
  hit_ratio!: number;

  @ApiProperty({
    description: 'Memory used by Redis (summed over cluster masters); null in memory mode',
    example: '1.50M',
    nullable: true,
    type: String,
  })
  used_memory!: string | null;

  @ApiProperty({
    description: 'Redis uptime (youngest cluster master); process uptime in memory mode',
    example: 86400,
    nullable: true,
    type: Number,
  })
  uptime_seconds!: number | null;
}
