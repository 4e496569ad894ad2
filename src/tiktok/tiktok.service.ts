import { Injectable } from '@nestjs/common';
import { CacheService } from '../cache/cache.service';
import { EnsembleDataClient } from './ensemble/ensemble-data.client';
import type {
  DataSource,
  Post,
  PostPage,
  Profile,
  SearchPeriod,
  SearchSorting,
  UserSearchPage,
} from './models/tiktok.models';
import { collectPages, parsePageCursor } from './page-cursor';

export interface PostsQuery {
  count: number;
  cursor?: string;
}

export interface HashtagSearchQuery {
  count: number;
  period: SearchPeriod;
  sorting: SearchSorting;
  cursor?: string;
  country?: string;
  /** Upstream pages to read at most (default 5); `count` still caps the items. */
  maxPages?: number;
}

/** Told about every page of posts fetched from upstream (not cache hits), e.g. to record history. */
export type PostsFetchedListener = (posts: readonly Post[], at: number, hashtag?: string) => void;

/**
 * User-posts depths (10 posts each, 1 + depth units): the smallest that covers a request. Depth 2
 * is the first 20 posts, the entry /analyze and a default /posts (count 20) share.
 */
const POSTS_DEPTHS = [2, 3, 6];
const LATEST_POSTS_DEPTH = 2;
const MAX_SEARCH_PAGES = 5;

/**
 * TikTok data through the cache. Every upstream page is cached on its own key, so endpoints
 * that need the same data (e.g. /posts and /analyze) share entries and pay for them once.
 */
@Injectable()
export class TiktokService {
  private readonly fetchedListeners: PostsFetchedListener[] = [];

  constructor(
    private readonly ensemble: EnsembleDataClient,
    private readonly cache: CacheService,
  ) {}

  get source(): DataSource {
    return this.ensemble.source;
  }

  onPostsFetched(listener: PostsFetchedListener): void {
    this.fetchedListeners.push(listener);
  }

  async getProfile(username: string): Promise<Profile> {
    const { value } = await this.cache.getOrLoad({ kind: 'profile', id: username }, () =>
      this.ensemble.getUserInfo(username),
    );
    return value;
  }

  async getPosts(username: string, query: PostsQuery): Promise<PostPage> {
    const start = parsePageCursor(query.cursor);
    const needed = start.skip + query.count;
    const depth =
      POSTS_DEPTHS.find((d) => needed <= d * 10) ?? POSTS_DEPTHS[POSTS_DEPTHS.length - 1];
    const { items, next } = await collectPages<Post>(start, query.count, 1, async (cursor) => {
      const page = await this.userPostsPage(username, depth, cursor);
      return { items: page.posts, nextCursor: page.nextCursor };
    });
    // Ensemble answers an unknown username like a user without posts (an empty list): the
    // (cached) profile tells them apart, so an unknown user is NOT_FOUND here as on /profile.
    if (items.length === 0 && query.cursor === undefined) await this.getProfile(username);
    return { posts: items, nextCursor: next, hasMore: next !== null };
  }

  /**
   * The creator's latest posts: the non-pinned ones among the first 20 (one depth-2 call, 3 units).
   * Pinned posts lead the first page and are not "latest"; rather than a second call or a deeper
   * one to make up for them (they are at most three), the analysis works on the 17-20 left.
   */
  async getLatestPosts(username: string, count: number): Promise<Post[]> {
    const page = await this.userPostsPage(username, LATEST_POSTS_DEPTH, undefined);
    return page.posts.filter((p) => !p.isPinned).slice(0, count);
  }

  async searchHashtag(hashtag: string, query: HashtagSearchQuery): Promise<PostPage> {
    const { items, next } = await collectPages<Post>(
      parsePageCursor(query.cursor),
      query.count,
      query.maxPages ?? MAX_SEARCH_PAGES,
      async (cursor) => {
        const params = {
          feed: 'search',
          period: query.period,
          sorting: query.sorting,
          country: query.country,
          cursor,
        };
        const { value } = await this.cache.getOrLoad({ kind: 'hashtag', id: hashtag, params }, () =>
          this.fetched(
            this.ensemble.searchKeyword(hashtag, {
              period: query.period,
              sorting: query.sorting,
              cursor,
              country: query.country,
            }),
            hashtag,
          ),
        );
        return { items: value.posts, nextCursor: value.nextCursor };
      },
    );
    return { posts: items, nextCursor: next, hasMore: next !== null };
  }

  /** The hashtag's own feed (newest first); the fallback when keyword search finds nothing. */
  async getHashtagPosts(hashtag: string, cursor?: string): Promise<PostPage> {
    const { value } = await this.cache.getOrLoad(
      { kind: 'hashtag', id: hashtag, params: { feed: 'posts', cursor } },
      () => this.fetched(this.ensemble.getHashtagPosts(hashtag, { cursor }), hashtag),
    );
    return value;
  }

  async searchUsers(queryText: string, query: PostsQuery): Promise<UserSearchPage> {
    const { items, next } = await collectPages(
      parsePageCursor(query.cursor),
      query.count,
      MAX_SEARCH_PAGES,
      async (cursor) => {
        const { value } = await this.cache.getOrLoad(
          { kind: 'users', id: queryText, params: { cursor } },
          () => this.ensemble.searchUsers(queryText, { cursor }),
        );
        return { items: value.users, nextCursor: value.nextCursor };
      },
    );
    return { users: items, nextCursor: next };
  }

  private async fetched<T extends { posts: Post[] }>(load: Promise<T>, hashtag?: string) {
    const page = await load;
    const at = Date.now();
    for (const listener of this.fetchedListeners) {
      try {
        listener(page.posts, at, hashtag);
      } catch {
        // A listener's failure (history is best effort) never fails the fetch.
      }
    }
    return page;
  }

  private async userPostsPage(
    username: string,
    depth: number,
    cursor: string | undefined,
  ): Promise<PostPage> {
    const { value } = await this.cache.getOrLoad(
      { kind: 'posts', id: username, params: { depth, cursor } },
      () => this.fetched(this.ensemble.getUserPosts(username, { depth, cursor })),
    );
    return value;
  }
}
