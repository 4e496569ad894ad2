import { Module } from '@nestjs/common';
import { ResilienceModule } from '../common/resilience/resilience.module';
import { UsageModule } from '../rate-limit/usage.module';
import { ensembleConfig, type EnsembleConfig } from '../config/configuration';
import { DemoEnsembleTransport } from './ensemble/demo/demo-ensemble.transport';
import { EnsembleCallPolicy } from './ensemble/ensemble-call.policy';
import { EnsembleDataClient } from './ensemble/ensemble-data.client';
import { EnsembleHttpTransport } from './ensemble/ensemble-http.transport';
import { ENSEMBLE_TRANSPORT } from './ensemble/ensemble-transport';
import { TiktokEndpointsService } from './tiktok-endpoints.service';
import { TiktokController } from './tiktok.controller';
import { TiktokService } from './tiktok.service';

@Module({
  imports: [ResilienceModule, UsageModule],
  controllers: [TiktokController],
  providers: [
    {
      provide: ENSEMBLE_TRANSPORT,
      inject: [ensembleConfig.KEY],
      useFactory: (config: EnsembleConfig) =>
        config.mode === 'live' ? new EnsembleHttpTransport(config) : new DemoEnsembleTransport(),
    },
    EnsembleCallPolicy,
    EnsembleDataClient,
    TiktokService,
    TiktokEndpointsService,
  ],
  exports: [TiktokService],
})
export class TiktokModule {}
