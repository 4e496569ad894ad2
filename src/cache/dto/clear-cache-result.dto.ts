import { ApiProperty } from '@nestjs/swagger';

export class ClearCacheResultDto {
  @ApiProperty({ example: 'Deleted 12 cache entries' })
  message!: string;

  @ApiProperty({ example: 12 })
  deleted!: number;

  @ApiProperty({ description: 'The full pattern that was cleared', example: 'trendxl:v2:*' })
  pattern!: string;
}
