import { SetMetadata } from '@nestjs/common';

export const SKIP_CLIENT_KEY = 'trendxl:skip-client-key';

/**
 * A route with its own credentials (the admin key) that the client-key check leaves alone:
 * one header cannot carry both keys.
 */
export const SkipClientKey = () => SetMetadata(SKIP_CLIENT_KEY, true);
