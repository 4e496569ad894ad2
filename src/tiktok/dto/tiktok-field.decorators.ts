import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  Matches,
  Max,
  Min,
  ValidateBy,
} from 'class-validator';
import { OptionalField } from '../../common/validation/optional-field.decorator';
import { PAGE_CURSOR_PATTERN } from '../page-cursor';
import { normalizeHashtag } from '../hashtag-normalize';
import { normalizeQuery, normalizeUsername } from '../tiktok-input';

/**
 * Field decorators shared by the TikTok request DTOs. Each normalizes the value during
 * transformation and validates the normalized form, so services only ever see clean input.
 */
function normalizedString(
  name: string,
  normalize: (v: unknown) => string | null,
  message: string,
): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => normalize(value) ?? value),
    ValidateBy({
      name,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && normalize(value) === value,
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
    normalizedString(
      'isTikTokUsername',
      normalizeUsername,
      '$property must be a TikTok username (2-24 letters, digits, _ or .), @username or https://www.tiktok.com/@username',
    ),
  );
}

/** A list of usernames, each normalised like `TikTokUsernameField`; duplicates after normalising are dropped. */
export function TikTokUsernameListField(min: number, max: number, description: string) {
  return applyDecorators(
    ApiProperty({
      description,
      type: [String],
      minItems: min,
      maxItems: max,
      example: ['demo_cooking_carlos', '@demo_fitness_fiona'],
    }),
    Transform(({ value }: { value: unknown }) =>
      Array.isArray(value)
        ? [...new Set(value.map((v: unknown) => normalizeUsername(v) ?? v))]
        : value,
    ),
    IsArray(),
    ArrayMinSize(min),
    ArrayMaxSize(max),
    ValidateBy(
      {
        name: 'isTikTokUsername',
        validator: {
          validate: (value: unknown) =>
            typeof value === 'string' && normalizeUsername(value) === value,
          defaultMessage: () =>
            'each of $property must be a TikTok username (2-24 letters, digits, _ or .), @username or profile URL',
        },
      },
      { each: true },
    ),
  );
}

export function HashtagField() {
  return applyDecorators(
    ApiProperty({ description: 'Hashtag, with or without a leading #', example: 'mealprep' }),
    normalizedString(
      'isHashtag',
      normalizeHashtag.searchInput,
      '$property must be a hashtag of letters, digits or underscores (a leading # is allowed)',
    ),
  );
}

export function SearchQueryField() {
  return applyDecorators(
    ApiProperty({ description: 'Free-text search, 1-100 characters', example: 'cooking' }),
    normalizedString(
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
