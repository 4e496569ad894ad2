import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { clientsConfig } from '../config/configuration';
import { ClientKeys } from './client-keys.service';

/** On its own so the throttler's async factory can import it for per-key tracking. */
@Module({
  imports: [ConfigModule.forFeature(clientsConfig)],
  providers: [ClientKeys],
  exports: [ClientKeys],
})
export class ClientKeysModule {}
