import { Module } from '@nestjs/common';
import { ClientKeys } from './client-keys.service';

/** On its own so the throttler's async factory can import it for per-key tracking. */
@Module({
  providers: [ClientKeys],
  exports: [ClientKeys],
})
export class ClientKeysModule {}
