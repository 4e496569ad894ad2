import { Module } from '@nestjs/common';
import { RedisConnectionModule } from '../cache/redis-connection.module';
import { UnitBudget } from './unit-budget.service';

/** The daily unit budget and usage counts, for the upstream clients and GET /usage. */
@Module({
  imports: [RedisConnectionModule],
  providers: [UnitBudget],
  exports: [UnitBudget],
})
export class UsageModule {}
