import { SEARCH_PERIODS, type SearchPeriod, type SearchSorting } from '../models/tiktok.models';
import {
  CountField,
  CursorField,
  HashtagField,
  OneOfField,
  SearchQueryField,
  TikTokUsernameField,
} from './tiktok-field.decorators';

export class ProfileRequestDto {
  @TikTokUsernameField()
  username!: string;
}

export class PostsRequestDto {
  @TikTokUsernameField()
  username!: string;

  @CountField(20)
  count: number = 20;

  @CursorField()
  cursor?: string;
}

export class HashtagSearchRequestDto {
  @HashtagField()
  hashtag!: string;

  @CountField(10)
  count: number = 10;

  @OneOfField(SEARCH_PERIODS, 7, 'Only posts from the last N days (0 = any time)')
  period: SearchPeriod = 7;

  @OneOfField([0, 1] as const, 1, '0 = relevance, 1 = most liked')
  sorting: SearchSorting = 1;

  @CursorField()
  cursor?: string;
}

export class UserSearchRequestDto {
  @SearchQueryField()
  query!: string;

  @CountField(10)
  count: number = 10;

  @CursorField()
  cursor?: string;
}
