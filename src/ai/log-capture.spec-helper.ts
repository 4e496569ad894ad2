import { Logger, type LoggerService } from '@nestjs/common';

/** Routes every Nest Logger call into an array, so specs can assert what was (not) logged. */
export function captureLogs(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const push =
    (level: string) =>
    (message: unknown, ...rest: unknown[]): void => {
      lines.push(`${level} ${[message, ...rest].map((p) => stringify(p)).join(' ')}`);
    };
  const capture: LoggerService = {
    log: push('log'),
    error: push('error'),
    warn: push('warn'),
    debug: push('debug'),
    verbose: push('verbose'),
    fatal: push('fatal'),
  };
  Logger.overrideLogger(capture);
  return {
    lines,
    restore: () => {
      Logger.overrideLogger(new ConsoleFreeLogger());
    },
  };
}

/** After a spec, keep Nest quiet instead of reinstating console output. */
class ConsoleFreeLogger implements LoggerService {
  log(): void {}
  error(): void {}
  warn(): void {}
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack ?? ''}`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
