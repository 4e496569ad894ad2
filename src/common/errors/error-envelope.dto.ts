import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from './error-code.enum';

export class ErrorEnvelopeDto {
  @ApiProperty({ example: 'Validation failed' })
  error!: string;

  @ApiProperty({ enum: ErrorCode, example: ErrorCode.VALIDATION_ERROR })
  code!: ErrorCode;

  @ApiPropertyOptional({
    description: 'Structured context, e.g. the invalid fields',
    example: { fields: { username: ['username must be a TikTok username, @name or profile URL'] } },
  })
  details?: unknown;
}
