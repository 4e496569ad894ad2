import type { DocumentBuilder } from '@nestjs/swagger';

type SecuritySchemeObject = Parameters<DocumentBuilder['addSecurity']>[1];

/** The admin key, sent either way; it is an opaque shared secret, not a JWT. */
export const ADMIN_KEY_HEADER = 'admin-api-key';
export const ADMIN_BEARER = 'admin-bearer';

export const ADMIN_SECURITY_SCHEMES: Record<string, SecuritySchemeObject> = {
  [ADMIN_KEY_HEADER]: {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
    description: 'The server’s ADMIN_API_KEY',
  },
  [ADMIN_BEARER]: {
    type: 'http',
    scheme: 'bearer',
    description: 'The server’s ADMIN_API_KEY as `Authorization: Bearer <key>` (an opaque key)',
  },
};
