import { ApiProperty } from '@nestjs/swagger';

export class ServiceDocsDto {
  @ApiProperty({ example: '/docs' }) swagger!: string;
  @ApiProperty({ example: '/redoc' }) redoc!: string;
  @ApiProperty({ example: '/openapi.json' }) openapi!: string;
}

export class ServiceIndexDto {
  @ApiProperty({ example: 'TrendXL' }) service!: string;
  @ApiProperty({ example: 'TikTok trend intelligence API' }) description!: string;
  @ApiProperty({ example: '2.0.0' }) version!: string;
  @ApiProperty({ type: ServiceDocsDto }) docs!: ServiceDocsDto;

  @ApiProperty({
    description: 'Each public endpoint by name, as `METHOD path`',
    type: 'object',
    additionalProperties: { type: 'string', example: 'POST /api/v1/analyze' },
    example: { analyze: 'POST /api/v1/analyze', health: 'GET /health' },
  })
  endpoints!: Record<string, string>;
}
