import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';
import { OptionalField } from '../../common/validation/optional-field.decorator';
import { CountField, TikTokUsernameField } from '../../tiktok/dto/tiktok-field.decorators';

export class AnalyzeRequestDto {
  @TikTokUsernameField(
    'Profile URL (https://www.tiktok.com/@name), @name or name',
    'https://www.tiktok.com/@demo_cooking_carlos',
  )
  profile_url!: string;

  @CountField(20)
  limit: number = 20;

  @ApiPropertyOptional({
    description:
      'ISO 3166-1 alpha-2 country the hashtag searches run as (case-insensitive); ' +
      'default: the data provider’s own',
    example: 'US',
  })
  @OptionalField()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @Matches(/^[A-Z]{2}$/, { message: '$property must be a two-letter country code' })
  country?: string;
}
