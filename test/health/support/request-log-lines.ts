export interface RequestLogLine {
  level?: number;
  req?: { url?: string; method?: string };
  res?: { statusCode?: number };
}

/** The JSON request-log lines (those with req and res) among a process's output lines. */
export function requestLogLines(lines: string[]): RequestLogLine[] {
  return lines
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as RequestLogLine)
    .filter((entry) => entry.req !== undefined && entry.res !== undefined);
}
