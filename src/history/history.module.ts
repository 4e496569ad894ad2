import { Module } from '@nestjs/common';
import { TiktokModule } from '../tiktok/tiktok.module';
import { DatabaseModule } from './database/database.module';
import { HistoryController } from './history.controller';
import { HistoryQueryService } from './history-query.service';
import { HistoryStore } from './history.store';
import { HistoryService } from './history.service';
import { HistoryWriter } from './history-writer';

/** Trend memory: analyses and video observations in PostgreSQL (or the embedded PGlite). */
@Module({
  imports: [DatabaseModule, TiktokModule],
  controllers: [HistoryController],
  providers: [HistoryStore, HistoryWriter, HistoryService, HistoryQueryService],
  exports: [HistoryService],
})
export class HistoryModule {}
