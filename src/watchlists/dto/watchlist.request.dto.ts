import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { OptionalField } from '../../common/validation/optional-field.decorator';
import { WATCHLIST_MAX_INTERVAL_MINUTES } from '../../config/env.schema';
import { TikTokUsernameListField } from '../../tiktok/dto/tiktok-field.decorators';
import type { NotifyMode } from '../watchlist.models';
import { EXAMPLE_WEBHOOK_URL } from './watchlist.response.dto';

export const MAX_WATCHLIST_CREATORS = 50;
export const DEFAULT_INTERVAL_MINUTES = 360;
const NOTIFY_MODES: readonly NotifyMode[] = ['new', 'always'];
// eslint-disable-next-line no-control-regex
const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

function NameField(optional: boolean) {
  const doc = { example: 'Cooking rivals', minLength: 1, maxLength: 100 };
  return applyDecorators(
    ...(optional ? [ApiPropertyOptional(doc), OptionalField()] : [ApiProperty(doc)]),
    Transform(trim),
    IsString(),
    Length(1, 100),
    Matches(NO_CONTROL_CHARS, { message: '$property must not contain control characters' }),
  );
}

const INTERVAL_DESCRIPTION =
  'Minutes between scheduled runs, from WATCHLIST_MIN_INTERVAL_MINUTES (default 15) to 10080';
const WEBHOOK_DESCRIPTION =
  'http(s) URL that receives signed `watchlist.run.completed` events; must not resolve to a ' +
  'loopback, private, link-local or metadata address';

export class CreateWatchlistDto {
  @NameField(false)
  name!: string;

  @TikTokUsernameListField(
    1,
    MAX_WATCHLIST_CREATORS,
    'Creators to watch: usernames, @names or profile URLs',
  )
  creators!: string[];

  @ApiPropertyOptional({
    description: INTERVAL_DESCRIPTION,
    default: DEFAULT_INTERVAL_MINUTES,
    example: DEFAULT_INTERVAL_MINUTES,
    maximum: WATCHLIST_MAX_INTERVAL_MINUTES,
    type: 'integer',
  })
  @OptionalField()
  @IsInt()
  @Max(WATCHLIST_MAX_INTERVAL_MINUTES)
  interval_minutes: number = DEFAULT_INTERVAL_MINUTES;

  @ApiPropertyOptional({
    description: WEBHOOK_DESCRIPTION,
    example: EXAMPLE_WEBHOOK_URL,
  })
  @OptionalField()
  @IsString()
  @Length(1, 2048)
  webhook_url?: string;

  @ApiPropertyOptional({
    description: 'Only trends scoring at least this are reported as new',
    minimum: 0,
    maximum: 100,
    default: 0,
    example: 40,
  })
  @OptionalField()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  min_score: number = 0;

  @ApiPropertyOptional({
    enum: NOTIFY_MODES,
    default: 'new',
    description: '`new`: a webhook only when something is new; `always`: after every run',
  })
  @OptionalField()
  @IsIn(NOTIFY_MODES)
  notify: NotifyMode = 'new';
}

export class UpdateWatchlistDto {
  @NameField(true)
  name?: string;

  @OptionalField()
  @TikTokUsernameListField(1, MAX_WATCHLIST_CREATORS, 'Creators to watch (replaces the list)')
  creators?: string[];

  @ApiPropertyOptional({
    description: INTERVAL_DESCRIPTION,
    example: 60,
    maximum: WATCHLIST_MAX_INTERVAL_MINUTES,
    type: 'integer',
  })
  @OptionalField()
  @IsInt()
  @Max(WATCHLIST_MAX_INTERVAL_MINUTES)
  interval_minutes?: number;

  @ApiPropertyOptional({
    description: `${WEBHOOK_DESCRIPTION}; null removes it`,
    type: String,
    nullable: true,
    example: EXAMPLE_WEBHOOK_URL,
  })
  @ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null)
  @IsString()
  @Length(1, 2048)
  webhook_url?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, example: 40 })
  @OptionalField()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  min_score?: number;

  @ApiPropertyOptional({ enum: NOTIFY_MODES })
  @OptionalField()
  @IsIn(NOTIFY_MODES)
  notify?: NotifyMode;
}

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value;

export class ListRunsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, example: 20, type: 'integer' })
  @OptionalField()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({
    description: 'next_cursor from the previous page',
    type: String,
    example: 'MjAyNi0xMS0yOFQxMjowMDowMC4wMDBafDliMmU3YzEwLTRmM2EtNGQ4ZS1iNmExLTJjNWQ4ZTlmMGExMw',
  })
  @OptionalField()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, {
    message: '$property must be a cursor returned by a previous call',
  })
  cursor?: string;
}

export class ListDeliveriesQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, example: 50, type: 'integer' })
  @OptionalField()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;
}
