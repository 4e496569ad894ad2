import { Module } from '@nestjs/common';
import { AiModule } from '../ai/ai.module';
import { HistoryModule } from '../history/history.module';
import { TiktokModule } from '../tiktok/tiktok.module';
import { TrendAnalysisService } from './trend-analysis.service';
import { TrendsQueryService } from './trends-query.service';
import { TrendsController } from './trends.controller';

@Module({
  imports: [TiktokModule, AiModule, HistoryModule],
  controllers: [TrendsController],
  providers: [TrendAnalysisService, TrendsQueryService],
  // The facade (cached, coalesced) is what watchlist runs call, like a request does.
  exports: [TrendsQueryService],
})
export class TrendsModule {}
