import { Module } from '@nestjs/common';
import { TiktokModule } from '../tiktok/tiktok.module';
import { DatabaseModule } from './database/database.module';
import { HistoryStore } from './history.store';
import { HistoryService } from './history.service';
import { HistoryWriter } from './history-writer';

/** Trend memory: analyses and video observations in PostgreSQL (or the embedded PGlite). */
@Module({
  imports: [DatabaseModule, TiktokModule],
  providers: [HistoryStore, HistoryWriter, HistoryService],
  exports: [HistoryService],
})
export class HistoryModule {}
