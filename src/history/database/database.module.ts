import { Module } from '@nestjs/common';
import { DatabaseService } from './database.service';

/**
 * The history database (PostgreSQL or embedded PGlite). Store providers of the modules that keep
 * tables in it import this module; everyone else goes through those modules' services.
 */
@Module({
  providers: [DatabaseService],
  exports: [DatabaseService],
})
export class DatabaseModule {}
