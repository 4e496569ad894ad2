import { ApiProperty } from '@nestjs/swagger';

const MEDIA = {
  avatar: { example: 'https://p16-sign.tiktokcdn.com/avatar.jpeg' },
  cover: { example: 'https://p16-sign.tiktokcdn.com/cover.jpeg' },
  video: {
    example: 'https://v16-webapp.tiktok.com/video.mp4',
    description: 'Signed CDN URL; expires within hours',
  },
} as const;

/** A media URL of a response (null when TikTok gives none), documented with a realistic example. */
export const MediaUrlProperty = (kind: keyof typeof MEDIA) =>
  ApiProperty({ type: String, nullable: true, ...MEDIA[kind] });
