import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequestContext } from '../common/context/request-context';
import { UsageDto } from './dto/usage.dto';
import { UnitBudget } from './unit-budget.service';

@ApiTags('usage')
@Controller('api/v1')
export class UsageController {
  constructor(private readonly budget: UnitBudget) {}

  @Get('usage')
  @ApiOperation({
    summary: "Today's Ensemble units, LLM tokens and what is left of the daily budgets",
    description:
      'Counted per UTC day across all instances. With CLIENT_API_KEYS set, `client` is the ' +
      "caller's own usage and budget.",
  })
  @ApiOkResponse({ type: UsageDto })
  usage(): Promise<UsageDto> {
    return this.budget.usage(RequestContext.current()?.clientName);
  }
}
