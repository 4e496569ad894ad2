import { ApiProperty } from '@nestjs/swagger';
import { CACHE_KINDS, type CacheKind } from '../cache-key';
import type { CacheBackend } from '../redis-connection';

export class MemoryTierStatsDto {
  @ApiProperty({ description: "Entries in this instance's memory tier", example: 120 })
  entries!: number;

  @ApiProperty({ description: 'Their size (serialised), bytes', example: 350000 })
  bytes!: number;

  @ApiProperty({ description: 'CACHE_MEMORY_MAX_ENTRIES', example: 10000 })
  max_entries!: number;

  @ApiProperty({ description: 'CACHE_MEMORY_MAX_MB in bytes', example: 16777216 })
  max_bytes!: number;
}

export class CacheStatsDto {
  @ApiProperty({ description: 'Whether responses are cached at all', example: true })
  enabled!: boolean;

  @ApiProperty({ enum: ['redis', 'cluster', 'memory'], example: 'redis' })
  backend!: CacheBackend;

  @ApiProperty({ description: 'Whether the backend answers right now', example: true })
  connected!: boolean;

  @ApiProperty({
    description:
      'Entries under trendxl:v2:, as of keys_counted_at (on Redis a background SCAN, at most ' +
      'once per 30 s); null until the first count is done',
    example: 42,
    nullable: true,
    type: Number,
  })
  total_keys!: number | null;

  @ApiProperty({
    description: 'Entries per kind, as of keys_counted_at; null until the first count is done',
    example: { profile: 10, posts: 12, hashtag: 8, users: 2, analysis: 10 },
    type: 'object',
    nullable: true,
    properties: Object.fromEntries(CACHE_KINDS.map((k) => [k, { type: 'integer' }])),
  })
  keys_by_kind!: Record<CacheKind, number> | null;

  @ApiProperty({
    description: 'When the key counts were taken (ISO 8601); null before the first count',
    example: '2026-12-02T12:00:00.000Z',
    nullable: true,
    type: String,
  })
  keys_counted_at!: string | null;

  @ApiProperty({ type: MemoryTierStatsDto, description: "This instance's in-process tier" })
  memory!: MemoryTierStatsDto;

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
