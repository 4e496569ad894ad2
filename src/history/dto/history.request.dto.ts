import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsUUID, Matches, Max, Min, ValidateBy } from 'class-validator';
import { OptionalField } from '../../common/validation/optional-field.decorator';
import { HashtagField, TikTokUsernameField } from '../../tiktok/dto/tiktok-field.decorators';
import { decodeAnalysesCursor } from '../analyses-cursor';

/** Query strings arrive as text: whole decimal numbers become numbers, anything else fails IsInt. */
const toInt = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value,
  );

export class CreatorParamsDto {
  @TikTokUsernameField('TikTok username or @username')
  username!: string;
}

export class CreatorAnalysesQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @OptionalField()
  @toInt()
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({
    description: '`next_cursor` of the previous page',
    type: String,
    example: 'MTc5NjAwMDAwMDAwMC42ZjFjMmQzZS00YjVhLTRjNmQtOGU3Zi05MDEyMzQ1Njc4OTA',
  })
  @OptionalField()
  @ValidateBy({
    name: 'isAnalysesCursor',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && decodeAnalysesCursor(value) !== null,
      defaultMessage: () => '$property must be a next_cursor returned by a previous call',
    },
  })
  cursor?: string;
}

export class AnalysisIdParamsDto {
  @ApiProperty({
    format: 'uuid',
    example: '6f1c2d3e-4b5a-4c6d-8e7f-901234567890',
    description: '`meta.analysis_id` of an analysis',
  })
  @IsUUID('all', { message: '$property must be an analysis id (a UUID)' })
  id!: string;
}

export class VideoIdParamsDto {
  @ApiProperty({ example: '7301234567890123456', description: 'TikTok video id' })
  @Matches(/^\d{1,32}$/, { message: '$property must be a TikTok video id (digits)' })
  id!: string;
}

export class HashtagParamsDto {
  @HashtagField()
  tag!: string;
}

export class HashtagHistoryQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 365,
    default: 30,
    description: 'Days back, today included',
  })
  @OptionalField()
  @toInt()
  @IsInt()
  @Min(1)
  @Max(365)
  days: number = 30;
}
