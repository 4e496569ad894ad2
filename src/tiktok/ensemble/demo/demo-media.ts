/**
 * Media for demo data. Images are small SVG placeholders inlined as data URIs: they render with
 * no network at all and send no reader to a third-party host. Videos use the reserved `.invalid`
 * TLD: no placeholder video is dependable, and a dead link is better than pretending to be
 * TikTok's CDN.
 */
const VIDEO_BASE = 'https://cdn.trendxl-demo.invalid/video';

/** FNV-1a: a stable hue per seed, so the same creator always gets the same colours. */
function hue(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 360;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function placeholder(seed: string, width: number, height: number, label: string): string {
  const a = hue(seed);
  const b = (a + 40) % 360;
  const size = Math.round(Math.min(width, height) / 6);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">` +
    `<stop offset="0" stop-color="hsl(${a},70%,55%)"/><stop offset="1" stop-color="hsl(${b},70%,35%)"/>` +
    `</linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>` +
    `<text x="50%" y="50%" dominant-baseline="middle" text-anchor="middle" fill="#fff" ` +
    `font-family="sans-serif" font-size="${size}">${escapeXml(label)}</text></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export function demoAvatarUrl(seed: string, size: number): string {
  return placeholder(
    `avatar-${seed}`,
    size,
    size,
    seed
      .replace(/^demo_/, '')
      .slice(0, 2)
      .toUpperCase(),
  );
}

export function demoCoverUrl(seed: string, variant: string): string {
  return placeholder(`${variant}-${seed}`, 540, 960, 'demo');
}

export function demoPhotoUrl(seed: string, index: number): string {
  return placeholder(`photo-${seed}-${index}`, 1080, 1440, `photo ${index + 1}`);
}

export function demoVideoUrl(awemeId: string, variant: string): string {
  return `${VIDEO_BASE}/${awemeId}/${variant}.mp4`;
}
