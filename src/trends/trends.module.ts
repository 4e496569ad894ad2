import { Module } from '@nestjs/common';
import { AiModule } from '../ai/ai.module';
import { HistoryModule } from '../history/history.module';
import { TiktokModule } from '../tiktok/tiktok.module';
import { AnalysisProgressHub } from './analysis-progress.hub';
import { TrendAnalysisService } from './trend-analysis.service';
import { AnalyzeStreamService } from './analyze-stream.service';
import { AnalyzeEndpointService } from './analyze-endpoint.service';
import { TrendsController } from './trends.controller';

@Module({
  imports: [TiktokModule, AiModule, HistoryModule],
  controllers: [TrendsController],
  providers: [
    TrendAnalysisService,
    AnalyzeEndpointService,
    AnalyzeStreamService,
    AnalysisProgressHub,
  ],
  // The cached, coalesced analysis is what watchlist runs call, like a request does.
  exports: [AnalyzeEndpointService],
})
export class TrendsModule {}
