import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AiModule } from '../ai/ai.module';
import { DatabaseModule } from '../history/database/database.module';
import { TiktokModule } from '../tiktok/tiktok.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { ReadinessState } from './readiness.state';

@Module({
  imports: [TerminusModule, TiktokModule, AiModule, DatabaseModule],
  controllers: [HealthController],
  providers: [HealthService, ReadinessState],
  exports: [ReadinessState],
})
export class HealthModule {}
