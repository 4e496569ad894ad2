/**
 * Media URLs for demo data. Images point at a public placeholder-image service so a UI shows
 * something; videos use the reserved `.invalid` TLD because no placeholder video host is
 * dependable, and a dead link is better than pretending to be TikTok's CDN.
 */
const IMAGE_BASE = 'https://picsum.photos/seed';
const VIDEO_BASE = 'https://cdn.trendxl-demo.invalid/video';

export function demoAvatarUrl(seed: string, size: number): string {
  return `${IMAGE_BASE}/avatar-${seed}/${size}/${size}`;
}

export function demoCoverUrl(seed: string, variant: string): string {
  return `${IMAGE_BASE}/${variant}-${seed}/540/960`;
}

export function demoPhotoUrl(seed: string, index: number): string {
  return `${IMAGE_BASE}/photo-${seed}-${index}/1080/1440`;
}

export function demoVideoUrl(awemeId: string, variant: string): string {
  return `${VIDEO_BASE}/${awemeId}/${variant}.mp4`;
}
