import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, Matches, Max, Min, ValidateBy } from 'class-validator';
import { OptionalField } from '../../common/validation/optional-field.decorator';
import { PAGE_CURSOR_PATTERN } from '../page-cursor';
import { normalizeHashtag, normalizeQuery, normalizeUsername } from '../tiktok-input';

/**
 * Field decorators shared by the TikTok request DTOs. Each normalises the value during
 * transformation and validates the normalised form, so services only ever see clean input.
 */
function normalisedString(
  name: string,
  normalise: (v: unknown) => string | null,
  message: string,
): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => normalise(value) ?? value),
    ValidateBy({
      name,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && normalise(value) === value,
        defaultMessage: () => message,
      },
    }),
  );
}

export function TikTokUsernameField(
  description = 'TikTok username, @username or profile URL',
  example = 'demo_cooking_carlos',
) {
  return applyDecorators(
    ApiProperty({ description, example, maxLength: 300 }),
    normalisedString(
      'isTikTokUsername',
      normalizeUsername,
      '$property must be a TikTok username (2-24 letters, digits, _ or .), @username or https://www.tiktok.com/@username',
    ),
  );
}

export function HashtagField() {
  return applyDecorators(
    ApiProperty({ description: 'Hashtag, with or without a leading #', example: 'mealprep' }),
    normalisedString(
      'isHashtag',
      normalizeHashtag,
      '$property must be a hashtag of letters, digits or underscores (a leading # is allowed)',
    ),
  );
}

export function SearchQueryField() {
  return applyDecorators(
    ApiProperty({ description: 'Free-text search, 1-100 characters', example: 'cooking' }),
    normalisedString(
      'isSearchQuery',
      normalizeQuery,
      '$property must be 1-100 characters without control characters',
    ),
  );
}

export function CountField(defaultValue: number, max = 50) {
  return applyDecorators(
    ApiPropertyOptional({
      type: 'integer',
      minimum: 1,
      maximum: max,
      default: defaultValue,
      example: defaultValue,
    }),
    OptionalField(),
    IsInt(),
    Min(1),
    Max(max),
  );
}

export function CursorField() {
  return applyDecorators(
    ApiPropertyOptional({
      description: 'Opaque cursor from a previous response (`next_cursor`); `0` = the first page',
      example: '0',
      type: String,
    }),
    OptionalField(),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
        ? String(value)
        : value,
    ),
    Matches(PAGE_CURSOR_PATTERN, {
      message: '$property must be a cursor returned by a previous call',
    }),
  );
}

export function OneOfField<T extends number>(
  values: readonly T[],
  defaultValue: T,
  description: string,
) {
  return applyDecorators(
    ApiPropertyOptional({
      enum: values,
      default: defaultValue,
      example: defaultValue,
      description,
      type: 'integer',
    }),
    OptionalField(),
    IsIn(values),
  );
}
