import { Module } from '@nestjs/common';
import { ConsoleAssetsService } from './console-assets.service';
import { ConsoleController } from './console.controller';

@Module({
  controllers: [ConsoleController],
  providers: [ConsoleAssetsService],
  exports: [ConsoleAssetsService],
})
export class ConsoleModule {}
