import { Module } from '@nestjs/common';
import { ensembleConfig, type EnsembleConfig } from '../config/configuration';
import { DemoEnsembleTransport } from './ensemble/demo/demo-ensemble.transport';
import { EnsembleDataClient } from './ensemble/ensemble-data.client';
import { EnsembleHttpTransport } from './ensemble/ensemble-http.transport';
import { ENSEMBLE_TRANSPORT } from './ensemble/ensemble-transport';
import { TiktokEndpointsService } from './tiktok-endpoints.service';
import { TiktokController } from './tiktok.controller';
import { TiktokService } from './tiktok.service';

@Module({
  controllers: [TiktokController],
  providers: [
    {
      provide: ENSEMBLE_TRANSPORT,
      inject: [ensembleConfig.KEY],
      useFactory: (config: EnsembleConfig) =>
        config.mode === 'live' ? new EnsembleHttpTransport(config) : new DemoEnsembleTransport(),
    },
    EnsembleDataClient,
    TiktokService,
    TiktokEndpointsService,
  ],
  exports: [TiktokService],
})
export class TiktokModule {}
