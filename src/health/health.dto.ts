import { ApiProperty } from '@nestjs/swagger';

export class HealthServicesDto {
  @ApiProperty({ enum: ['connected', 'disconnected', 'memory'] }) cache!: string;
  @ApiProperty({ enum: ['live', 'demo', 'failing', 'unauthorized'] }) ensemble_api!: string;
  @ApiProperty({ enum: ['configured', 'local', 'failing'] }) openai_api!: string;
  @ApiProperty({
    enum: ['connected', 'embedded', 'disconnected', 'disabled'],
    description: 'The history database: PostgreSQL (connected), embedded PGlite, or down',
  })
  database!: string;
}

export class HealthModeDto {
  @ApiProperty({ enum: ['live', 'demo'] }) tiktok!: 'live' | 'demo';
  @ApiProperty({ enum: ['openai', 'local'] }) ai!: 'openai' | 'local';
}

export class HealthReportDto {
  @ApiProperty({ enum: ['healthy', 'degraded', 'unhealthy'] }) status!:
    'healthy' | 'degraded' | 'unhealthy';
  @ApiProperty({ example: '2026-11-28T12:00:00.000Z' }) timestamp!: string;
  @ApiProperty({ example: '2.0.0' }) version!: string;
  @ApiProperty({ type: HealthServicesDto }) services!: HealthServicesDto;
  @ApiProperty({ type: HealthModeDto }) mode!: HealthModeDto;
  @ApiProperty({
    description: 'Per-indicator details (terminus format)',
    example: { cache: { status: 'up', backend: 'redis' } },
  })
  details!: Record<string, unknown>;
}

export class LivenessDto {
  @ApiProperty({ example: 'ok' }) status!: 'ok';
}

export class ReadinessDto {
  @ApiProperty({ example: 'ready' }) status!: 'ready';
  @ApiProperty({ enum: ['connected', 'disconnected', 'memory'] }) cache!: string;
}
