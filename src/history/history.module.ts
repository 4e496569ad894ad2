import { Module } from '@nestjs/common';
import { DatabaseModule } from './database/database.module';

/** Trend memory: analyses and video observations in PostgreSQL (or the embedded PGlite). */
@Module({
  imports: [DatabaseModule],
})
export class HistoryModule {}
