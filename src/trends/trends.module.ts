import { Module } from '@nestjs/common';
import { AiModule } from '../ai/ai.module';
import { TiktokModule } from '../tiktok/tiktok.module';
import { AnalysisProgressHub } from './analysis-progress.hub';
import { TrendAnalysisService } from './trend-analysis.service';
import { TrendsQueryService } from './trends-query.service';
import { TrendsStreamService } from './trends-stream.service';
import { TrendsController } from './trends.controller';

@Module({
  imports: [TiktokModule, AiModule],
  controllers: [TrendsController],
  providers: [TrendAnalysisService, TrendsQueryService, TrendsStreamService, AnalysisProgressHub],
})
export class TrendsModule {}
