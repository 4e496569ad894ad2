import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OBJECT_REQUIRED } from '../validation/validation.pipe';
import { ErrorCode } from './error-code.enum';

export class ErrorEnvelopeDto {
  @ApiProperty({
    description: 'What went wrong, in words a UI can show as they are',
    example: OBJECT_REQUIRED.body[0],
  })
  error!: string;

  @ApiProperty({ enum: ErrorCode, example: ErrorCode.VALIDATION_ERROR })
  code!: ErrorCode;

  @ApiPropertyOptional({
    description:
      'Structured context when there is some (absent otherwise), e.g. the invalid fields',
    example: { fields: OBJECT_REQUIRED },
  })
  details?: unknown;
}
