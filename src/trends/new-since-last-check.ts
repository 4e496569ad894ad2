/** The creator's previous stored analysis, as far as "what is new" needs it. */
export interface PreviousCheck {
  trendIds: readonly string[];
}

/**
 * "New since last check", per trend id: true when the previous analysis did not list the video,
 * false when it did, null when there is no previous analysis (or it is unknown: `undefined`).
 * Pure: the previous analysis is an input.
 */
export function newSinceLastCheck(
  trendIds: readonly string[],
  previous: PreviousCheck | null | undefined,
): Map<string, boolean | null> {
  const before = previous ? new Set(previous.trendIds) : null;
  return new Map(trendIds.map((id) => [id, before ? !before.has(id) : null]));
}

/**
 * When TrendXL first observed each video: its earliest stored observation, or `now` for a video
 * seen for the first time in this analysis; null for all when the memory is unavailable.
 */
export function firstSeenAt(
  trendIds: readonly string[],
  firstSeen: ReadonlyMap<string, number> | undefined,
  now: number,
): Map<string, number | null> {
  return new Map(
    trendIds.map((id) => [id, firstSeen ? Math.min(firstSeen.get(id) ?? now, now) : null]),
  );
}
