import { mapEnsembleStatus } from './ensemble/ensemble-status';

/**
 * The errors a TikTok lookup can end in, for the OpenAPI examples: produced by the same mapping
 * the client uses, so the documented messages are the real ones.
 */
export const PROFILE_LOOKUP_ERRORS: readonly unknown[] = [
  mapEnsembleStatus(472),
  mapEnsembleStatus(463),
];

export const UPSTREAM_ERRORS: readonly unknown[] = [mapEnsembleStatus(503), mapEnsembleStatus(495)];
