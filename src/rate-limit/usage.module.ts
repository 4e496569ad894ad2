import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { RedisConnectionModule } from '../cache/redis-connection.module';
import { clientsConfig } from '../config/configuration';
import { UnitBudget } from './unit-budget.service';

/** The daily unit budget and usage counts, for the upstream clients and GET /usage. */
@Module({
  imports: [RedisConnectionModule, ConfigModule.forFeature(clientsConfig)],
  providers: [UnitBudget],
  exports: [UnitBudget],
})
export class UsageModule {}
