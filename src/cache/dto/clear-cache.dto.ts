import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { OptionalField } from '../../common/validation/optional-field.decorator';
import { CACHE_KINDS, type CacheKind } from '../cache-key';
import { CLEAR_PATTERN_RE } from '../key-pattern';

export class ClearCacheBodyDto {
  @ApiPropertyOptional({ enum: CACHE_KINDS, description: 'Only clear entries of this kind' })
  @OptionalField()
  @IsIn(CACHE_KINDS, { message: `kind must be one of ${CACHE_KINDS.join(', ')}` })
  kind?: CacheKind;
}

export class ClearCacheQueryDto {
  @ApiPropertyOptional({
    description:
      'Glob (`*`, `?`) relative to trendxl:v2: (and to the kind, when one is given). ' +
      'Keys outside trendxl:v2: are never touched.',
    example: '*',
  })
  @OptionalField()
  @IsString()
  @Matches(CLEAR_PATTERN_RE, {
    message: 'pattern may only contain letters, digits, _ : % . = @ + - and the wildcards * ?',
  })
  pattern?: string;
}
